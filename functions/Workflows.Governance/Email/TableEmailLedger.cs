using Azure;
using Azure.Data.Tables;
using Workflows.Governance.Storage;

namespace Workflows.Governance.Email;

/// <summary>The <see cref="IEmailLedger"/> of the Function App: an Azure Storage table every instance shares. A claim is
/// an entity added (or a lapsed one replaced) on condition of its ETag, so instances racing on a key get one winner; the
/// claim's token is the ETag it was written with.</summary>
internal sealed class TableEmailLedger : IEmailLedger
{
    /// <summary>The table's name in the app's storage account.</summary>
    public const string TableName = "GovernanceEmailLedger";

    private const string StateProperty = "State";
    private const string LeaseUntilProperty = "LeaseUntil";
    private const string SentState = "sent";
    private const string ClaimedState = "claimed";

    private readonly StateTable table;
    private readonly TimeProvider timeProvider;

    public TableEmailLedger(TableClient table, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(timeProvider);
        this.table = new StateTable(table);
        this.timeProvider = timeProvider;
    }

    /// <inheritdoc/>
    public async Task<EmailLedgerClaim> TryClaimAsync(string idempotencyKey, TimeSpan lease, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(idempotencyKey);
        DateTimeOffset now = this.timeProvider.GetUtcNow();
        TableEntity claim = StateTable.NewEntity(idempotencyKey);
        claim[StateProperty] = ClaimedState;
        claim[LeaseUntilProperty] = now + lease;
        (ETag? taken, TableEntity? held) = await this.table.TryTakeAsync(
            claim,
            existing => existing.GetString(StateProperty) != SentState && existing.GetDateTimeOffset(LeaseUntilProperty) <= now,
            cancellationToken);
        if (taken is ETag etag)
        {
            return new EmailLedgerClaim(idempotencyKey, EmailLedgerClaimOutcome.Claimed, etag.ToString());
        }

        return new EmailLedgerClaim(
            idempotencyKey,
            held?.GetString(StateProperty) == SentState ? EmailLedgerClaimOutcome.AlreadySent : EmailLedgerClaimOutcome.HeldElsewhere,
            string.Empty);
    }

    /// <inheritdoc/>
    public Task MarkSentAsync(EmailLedgerClaim claim, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(claim);
        TableEntity sent = StateTable.NewEntity(claim.IdempotencyKey);
        sent[StateProperty] = SentState;
        sent["SentAt"] = this.timeProvider.GetUtcNow();
        return this.table.UpsertAsync(sent, cancellationToken);
    }

    /// <inheritdoc/>
    public Task ReleaseAsync(EmailLedgerClaim claim, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(claim);
        return claim.IsClaimed ? this.table.DeleteAsync(claim.IdempotencyKey, new ETag(claim.Token), cancellationToken) : Task.CompletedTask;
    }
}
