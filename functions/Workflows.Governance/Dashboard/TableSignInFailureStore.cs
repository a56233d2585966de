using Azure;
using Azure.Data.Tables;
using Workflows.Governance.Storage;

namespace Workflows.Governance.Dashboard;

/// <summary>The <see cref="ISignInFailureStore"/> of the Function App: an Azure Storage table every instance shares.
/// Each count is written on condition of the ETag it was read at, and a writer that lost the race reads and adds again,
/// so no failure is lost.</summary>
internal sealed class TableSignInFailureStore : ISignInFailureStore
{
    /// <summary>The table's name in the app's storage account.</summary>
    public const string TableName = "GovernanceSignInFailures";

    private const string WindowStartProperty = "WindowStart";
    private const string FailuresProperty = "Failures";

    private readonly StateTable table;
    private readonly TimeProvider timeProvider;
    private readonly TimeSpan window;

    public TableSignInFailureStore(TableClient table, TimeProvider timeProvider, TimeSpan window)
    {
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(window, TimeSpan.Zero);
        this.table = new StateTable(table);
        this.timeProvider = timeProvider;
        this.window = window;
    }

    /// <inheritdoc/>
    public async Task<int> CountAsync(string address, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(address);
        TableEntity? entity = await this.table.GetAsync(address, cancellationToken);
        return entity is not null && this.IsOpen(entity, this.timeProvider.GetUtcNow()) ? entity.GetInt32(FailuresProperty) ?? 0 : 0;
    }

    /// <inheritdoc/>
    public async Task<int> RecordAsync(string address, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(address);
        while (true)
        {
            DateTimeOffset now = this.timeProvider.GetUtcNow();
            TableEntity? current = await this.table.GetAsync(address, cancellationToken);
            bool open = current is not null && this.IsOpen(current, now);
            int failures = open ? (current!.GetInt32(FailuresProperty) ?? 0) + 1 : 1;
            TableEntity next = StateTable.NewEntity(address);
            next[WindowStartProperty] = open ? current!.GetDateTimeOffset(WindowStartProperty) : now;
            next[FailuresProperty] = failures;
            ETag? written = current is null
                ? await this.table.TryAddAsync(next, cancellationToken)
                : await this.table.TryReplaceAsync(next, current.ETag, cancellationToken);
            if (written is not null)
            {
                return failures;
            }
        }
    }

    private bool IsOpen(TableEntity entity, DateTimeOffset now) =>
        entity.GetDateTimeOffset(WindowStartProperty) is DateTimeOffset start && start > now - this.window;
}
