using Microsoft.DurableTask;

namespace Workflows.DurableTask.CrashHost.Orchestrations;

/// <summary>Waits for the <see cref="Workload.EventName"/> event; a long timeout races a durable timer against it, and
/// the event wins.</summary>
public sealed class ApprovalOrchestrator : TaskOrchestrator<int, string>
{
    /// <inheritdoc/>
    public override async Task<string> RunAsync(TaskOrchestrationContext context, int input)
    {
        ArgumentNullException.ThrowIfNull(context);
        string payload = await context.WaitForExternalEvent<string>(Workload.EventName, TimeSpan.FromMinutes(10));
        return $"event:{payload}";
    }
}
