using DurableTask.Core;
using Workflows.DurableTask.Sqlite.Storage;

namespace Workflows.DurableTask.Sqlite;

/// <summary>Purges in SQL: an instance and everything it owns go in one transaction; only finished instances
/// (completed, failed, terminated, canceled) are purged.</summary>
public sealed partial class SqliteOrchestrationService
{
    /// <inheritdoc/>
    public async Task PurgeOrchestrationHistoryAsync(DateTime thresholdDateTimeUtc, OrchestrationStateTimeRangeFilterType timeRangeFilterType)
    {
        string column = timeRangeFilterType switch
        {
            OrchestrationStateTimeRangeFilterType.OrchestrationCreatedTimeFilter => "i.CreatedTime",
            OrchestrationStateTimeRangeFilterType.OrchestrationLastUpdatedTimeFilter => "i.LastUpdatedTime",
            OrchestrationStateTimeRangeFilterType.OrchestrationCompletedTimeFilter => "i.CompletedTime",
            _ => throw new ArgumentOutOfRangeException(nameof(timeRangeFilterType), timeRangeFilterType, "Not a time range filter type."),
        };
        int purged = await this.WriteAsync(
            (c, tx) => DeleteInstances(c, tx, $"i.RuntimeStatus IN {TerminalStatuses} AND {column} < $threshold", ("$threshold", thresholdDateTimeUtc.ToTicks())),
            CancellationToken.None).ConfigureAwait(false);
        Log.Purged(this.logger, purged);
    }

    /// <inheritdoc/>
    /// <remarks>A live instance is not purged (the result counts 0).</remarks>
    public async Task<PurgeResult> PurgeInstanceStateAsync(string instanceId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(instanceId);
        int purged = await this.WriteAsync(
            (c, tx) => DeleteInstances(c, tx, $"i.InstanceId = $id AND i.RuntimeStatus IN {TerminalStatuses}", ("$id", instanceId)),
            CancellationToken.None).ConfigureAwait(false);
        Log.Purged(this.logger, purged);
        return new PurgeResult(purged);
    }

    /// <inheritdoc/>
    /// <remarks>Statuses in the filter that are not finished are ignored: live instances are never purged.</remarks>
    public async Task<PurgeResult> PurgeInstanceStateAsync(PurgeInstanceFilter purgeInstanceFilter)
    {
        ArgumentNullException.ThrowIfNull(purgeInstanceFilter);
        var conditions = new List<string> { $"i.RuntimeStatus IN {TerminalStatuses}", "i.CreatedTime >= $from" };
        var parameters = new List<(string, object?)> { ("$from", purgeInstanceFilter.CreatedTimeFrom.ToTicks()) };
        if (purgeInstanceFilter.CreatedTimeTo is DateTime to)
        {
            conditions.Add("i.CreatedTime <= $to");
            parameters.Add(("$to", to.ToTicks()));
        }

        if (purgeInstanceFilter.RuntimeStatus?.ToArray() is { Length: > 0 } statuses)
        {
            conditions.Add("i.RuntimeStatus IN (SELECT value FROM json_each($statuses))");
            parameters.Add(("$statuses", EventJson.Serialize(statuses.Select(s => (int)s).ToArray())));
        }

        string where = string.Join(" AND ", conditions);
        int purged = await this.WriteAsync((c, tx) => DeleteInstances(c, tx, where, [.. parameters]), CancellationToken.None).ConfigureAwait(false);
        Log.Purged(this.logger, purged);
        return new PurgeResult(purged, isComplete: true);
    }
}
