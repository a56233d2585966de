using System.Diagnostics;
using DurableTask.AzureStorage;
using DurableTask.Core;

namespace Workflows.DurableTask.Client;

/// <summary>Holding messages for instances that have not started, on a provider that would discard them.</summary>
/// <remarks>DurableTask.AzureStorage drops a batch of messages that reaches an instance with no history and no
/// ExecutionStarted message in the batch ("No such instance", Azure/durabletask#720). That happens to an event raised
/// while the start message is invisible: held by a worker that died (until its visibility timeout) or scheduled for
/// later. So on Azure Storage the client sends an event, suspend or resume only once the instance has left Pending,
/// waiting up to <see cref="PendingMessageWait"/>; past that it refuses with <see cref="InstanceNotStartedException"/>
/// rather than send a message that may be lost.</remarks>
public sealed partial class OrchestrationServiceDurableTaskClient
{
    /// <summary>How long a message to a Pending instance waits for its start on a provider that would discard it.</summary>
    public static readonly TimeSpan PendingMessageWait = TimeSpan.FromSeconds(10);

    private static readonly TimeSpan RetryAfterDelayedStart = TimeSpan.FromSeconds(5);

    /// <summary>Whether this provider discards messages that reach an instance before its start.</summary>
    private static bool DiscardsMessagesBeforeStart(IOrchestrationServiceClient client) => client is AzureStorageOrchestrationService;

    /// <summary>Returns once <paramref name="instanceId"/> is not Pending (or unknown: the provider then answers as it
    /// does for any unknown instance); throws <see cref="InstanceNotStartedException"/> when it stays Pending.</summary>
    private async Task WaitUntilNotPendingAsync(string instanceId, CancellationToken cancellation)
    {
        var waited = Stopwatch.StartNew();
        TimeSpan delay = FirstPoll;
        while (true)
        {
            OrchestrationState? state = await this.GetStateAsync(instanceId);
            if (state is null || state.OrchestrationStatus != OrchestrationStatus.Pending)
            {
                return;
            }

            TimeSpan left = PendingMessageWait - waited.Elapsed;
            if (state.ScheduledStartTime is DateTime start && start.ToUniversalTime() - DateTime.UtcNow > left)
            {
                TimeSpan until = start.ToUniversalTime() - DateTime.UtcNow;
                ClientLog.HeldForStart(this.logger, instanceId, until);
                throw new InstanceNotStartedException(
                    instanceId,
                    until,
                    $"Instance '{instanceId}' is scheduled to start at {start.ToUniversalTime():O}; a message sent before then would be discarded by Azure Storage, so none was sent.");
            }

            if (left <= TimeSpan.Zero)
            {
                ClientLog.HeldForStart(this.logger, instanceId, RetryAfterDelayedStart);
                throw new InstanceNotStartedException(
                    instanceId,
                    RetryAfterDelayedStart,
                    $"Instance '{instanceId}' has not started within {PendingMessageWait.TotalSeconds:0} s (its start may be held by a worker that stopped); a message sent now could be discarded by Azure Storage, so none was sent. Try again later.");
            }

            await Task.Delay(delay < left ? delay : left, cancellation);
            delay = TimeSpan.FromTicks(Math.Min(LongestPoll.Ticks, delay.Ticks * 2));
        }
    }
}
