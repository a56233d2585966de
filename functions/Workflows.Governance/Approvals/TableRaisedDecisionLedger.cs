using Azure;
using Azure.Data.Tables;
using Workflows.Governance.Storage;

namespace Workflows.Governance.Approvals;

/// <summary>The <see cref="IRaisedDecisionLedger"/> of the Function App: an Azure Storage table every instance shares; a
/// mark is an entity added (or a lapsed one replaced) on condition of its ETag, so instances racing get one winner.</summary>
internal sealed class TableRaisedDecisionLedger : IRaisedDecisionLedger
{
    /// <summary>The table's name in the app's storage account.</summary>
    public const string TableName = "GovernanceRaisedDecisions";

    private const string MarkedAtProperty = "MarkedAt";

    private readonly StateTable table;
    private readonly TimeProvider timeProvider;
    private readonly TimeSpan lifetime;

    public TableRaisedDecisionLedger(TableClient table, TimeProvider timeProvider, TimeSpan lifetime)
    {
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(lifetime, TimeSpan.Zero);
        this.table = new StateTable(table);
        this.timeProvider = timeProvider;
        this.lifetime = lifetime;
    }

    /// <inheritdoc/>
    public async Task<bool> TryMarkAsync(string key, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        DateTimeOffset now = this.timeProvider.GetUtcNow();
        TableEntity mark = StateTable.NewEntity(key);
        mark[MarkedAtProperty] = now;
        (ETag? taken, _) = await this.table.TryTakeAsync(mark, existing => this.HasLapsed(existing, now), cancellationToken);
        return taken is not null;
    }

    /// <inheritdoc/>
    public async Task<bool> IsMarkedAsync(string key, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        return await this.table.GetAsync(key, cancellationToken) is TableEntity mark && !this.HasLapsed(mark, this.timeProvider.GetUtcNow());
    }

    /// <inheritdoc/>
    public Task ForgetAsync(string key, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        return this.table.DeleteAsync(key, ETag.All, cancellationToken);
    }

    private bool HasLapsed(TableEntity mark, DateTimeOffset now) =>
        mark.GetDateTimeOffset(MarkedAtProperty) is not DateTimeOffset at || at <= now - this.lifetime;
}
