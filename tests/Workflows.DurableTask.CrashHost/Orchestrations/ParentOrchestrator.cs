using Microsoft.DurableTask;

namespace Workflows.DurableTask.CrashHost.Orchestrations;

/// <summary>Calls <see cref="EchoOrchestrator"/> as a sub-orchestration.</summary>
public sealed class ParentOrchestrator : TaskOrchestrator<int, string>
{
    /// <inheritdoc/>
    public override async Task<string> RunAsync(TaskOrchestrationContext context, int input)
    {
        ArgumentNullException.ThrowIfNull(context);
        // The child's id is fixed rather than the SDK's default (NewGuid, seeded by the episode's start time): on Azure Storage
        // a host killed after sending the child's start message but before its own checkpoint replays that episode at a new
        // time, and a new id would leave the first child behind as an orphan. A fixed id (outside the workload's "crash-" prefix) makes the second start a duplicate.
        var options = new SubOrchestrationOptions { InstanceId = $"child-of-{context.InstanceId}" };
        string child = await context.CallSubOrchestratorAsync<string>(nameof(EchoOrchestrator), Workload.ChildInput(input), options);
        return $"parent:{child}";
    }
}
