using Microsoft.DurableTask;
using Workflows.DurableTask.CrashHost.Activities;

namespace Workflows.DurableTask.CrashHost.Orchestrations;

/// <summary>Waits on a durable timer of <see cref="Workload.TimerDelay"/>, then calls <see cref="UpperActivity"/>.</summary>
public sealed class TimerOrchestrator : TaskOrchestrator<int, string>
{
    /// <inheritdoc/>
    public override async Task<string> RunAsync(TaskOrchestrationContext context, int input)
    {
        ArgumentNullException.ThrowIfNull(context);
        await context.CreateTimer(Workload.TimerDelay(input), CancellationToken.None);
        string upper = await context.CallActivityAsync<string>(nameof(UpperActivity), FormattableString.Invariant($"t{input}"));
        return $"timer:{upper}";
    }
}
