using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Workflows.Governance.Maintenance;

namespace Workflows.Functions;

/// <summary>Purges finished instances older than <c>Purge:RetentionDays</c>, every night at 03:00 UTC.</summary>
public sealed class PurgeFunction(InstancePurge purge)
{
    /// <summary>The schedule (NCRONTAB, seconds first).</summary>
    public const string Schedule = "0 0 3 * * *";

    /// <summary>The timer trigger.</summary>
    [Function("PurgeFinishedInstances")]
    public Task RunAsync([TimerTrigger(Schedule)] TimerInfo timer, [DurableClient] DurableTaskClient client, CancellationToken cancellationToken) =>
        purge.PurgeAsync(client, cancellationToken);
}
