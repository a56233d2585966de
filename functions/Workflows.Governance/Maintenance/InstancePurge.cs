using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Options;

namespace Workflows.Governance.Maintenance;

/// <summary>Purges finished instances older than <see cref="InstancePurgeOptions.RetentionDays"/>; running, pending
/// and suspended ones are never touched.</summary>
public sealed partial class InstancePurge(IOptionsMonitor<InstancePurgeOptions> options, TimeProvider clock, ILogger<InstancePurge> logger)
{
    /// <summary>The statuses that are purged.</summary>
    public static readonly IReadOnlyList<OrchestrationRuntimeStatus> FinishedStatuses =
        [OrchestrationRuntimeStatus.Completed, OrchestrationRuntimeStatus.Failed, OrchestrationRuntimeStatus.Terminated];

    /// <summary>Purges through <paramref name="client"/>; returns how many instances went.</summary>
    public async Task<int> PurgeAsync(DurableTaskClient client, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        int days = options.CurrentValue.RetentionDays;
        DateTimeOffset before = clock.GetUtcNow() - TimeSpan.FromDays(days);
        PurgeResult result = await client.PurgeAllInstancesAsync(
            new PurgeInstancesFilter(CreatedFrom: null, CreatedTo: before, Statuses: FinishedStatuses), cancellationToken).ConfigureAwait(false);
        Purged(logger, result.PurgedInstanceCount, days, before);
        return result.PurgedInstanceCount;
    }

    [LoggerMessage(EventId = 900, Level = LogLevel.Information, Message = "Purged {Count} finished instances created before {Before:o} (retention {Days} days).")]
    private static partial void Purged(ILogger logger, int count, int days, DateTimeOffset before);
}
