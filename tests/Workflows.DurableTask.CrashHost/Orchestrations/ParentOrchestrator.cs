using Microsoft.DurableTask;

namespace Workflows.DurableTask.CrashHost.Orchestrations;

/// <summary>Calls <see cref="EchoOrchestrator"/> as a sub-orchestration.</summary>
public sealed class ParentOrchestrator : TaskOrchestrator<int, string>
{
    /// <inheritdoc/>
    public override async Task<string> RunAsync(TaskOrchestrationContext context, int input)
    {
        ArgumentNullException.ThrowIfNull(context);
        string child = await context.CallSubOrchestratorAsync<string>(nameof(EchoOrchestrator), Workload.ChildInput(input));
        return $"parent:{child}";
    }
}
