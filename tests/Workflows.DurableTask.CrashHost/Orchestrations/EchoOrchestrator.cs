using Microsoft.DurableTask;
using Workflows.DurableTask.CrashHost.Activities;

namespace Workflows.DurableTask.CrashHost.Orchestrations;

/// <summary>The sub-orchestration of <see cref="ParentOrchestrator"/>: upper-cases its input through an activity.</summary>
public sealed class EchoOrchestrator : TaskOrchestrator<string, string>
{
    /// <inheritdoc/>
    public override async Task<string> RunAsync(TaskOrchestrationContext context, string input)
    {
        ArgumentNullException.ThrowIfNull(context);
        string upper = await context.CallActivityAsync<string>(nameof(UpperActivity), input);
        return upper + "!";
    }
}
