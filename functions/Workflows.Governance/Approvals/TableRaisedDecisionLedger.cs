using Azure;
using Azure.Data.Tables;
using Workflows.Governance.Storage;

namespace Workflows.Governance.Approvals;

/// <summary>The <see cref="IRaisedDecisionLedger"/> of the Function App: an Azure Storage table every instance shares; a
/// claim is an entity added (or a lapsed one replaced) on condition of its ETag, so instances racing get one winner.</summary>
/// <remarks>Entities hold until their <c>HeldUntil</c>; those of earlier versions, without it, count as lapsed.</remarks>
internal sealed class TableRaisedDecisionLedger : IRaisedDecisionLedger
{
    /// <summary>The table's name in the app's storage account.</summary>
    public const string TableName = "GovernanceRaisedDecisions";

    private const string HeldUntilProperty = "HeldUntil";
    private const string RaisedProperty = "Raised";

    private readonly StateTable table;
    private readonly TimeProvider timeProvider;
    private readonly DecisionMarkLifetimes lifetimes;

    public TableRaisedDecisionLedger(TableClient table, TimeProvider timeProvider, DecisionMarkLifetimes lifetimes)
    {
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(lifetimes);
        lifetimes.Validate();
        this.table = new StateTable(table);
        this.timeProvider = timeProvider;
        this.lifetimes = lifetimes;
    }

    /// <inheritdoc/>
    public async Task<bool> TryClaimAsync(string key, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        DateTimeOffset now = this.timeProvider.GetUtcNow();
        (ETag? taken, _) = await this.table.TryTakeAsync(Entity(key, now + this.lifetimes.Claim, raised: false), existing => HasLapsed(existing, now), cancellationToken);
        return taken is not null;
    }

    /// <inheritdoc/>
    public Task MarkRaisedAsync(string key, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        return this.table.UpsertAsync(Entity(key, this.timeProvider.GetUtcNow() + this.lifetimes.Raised, raised: true), cancellationToken);
    }

    /// <inheritdoc/>
    public async Task<DecisionMark> ReadAsync(string key, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        return await this.table.GetAsync(key, cancellationToken) is TableEntity mark && !HasLapsed(mark, this.timeProvider.GetUtcNow())
            ? mark.GetBoolean(RaisedProperty) == true ? DecisionMark.Raised : DecisionMark.Claimed
            : DecisionMark.None;
    }

    /// <inheritdoc/>
    public Task ForgetAsync(string key, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        return this.table.DeleteAsync(key, ETag.All, cancellationToken);
    }

    private static bool HasLapsed(TableEntity mark, DateTimeOffset now) =>
        mark.GetDateTimeOffset(HeldUntilProperty) is not DateTimeOffset until || until <= now;

    private static TableEntity Entity(string key, DateTimeOffset until, bool raised)
    {
        TableEntity entity = StateTable.NewEntity(key);
        entity[HeldUntilProperty] = until;
        entity[RaisedProperty] = raised;
        return entity;
    }
}
