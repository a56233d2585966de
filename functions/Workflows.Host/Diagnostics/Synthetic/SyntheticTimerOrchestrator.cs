using Microsoft.DurableTask;

namespace Workflows.Host.Diagnostics.Synthetic;

/// <summary>A durable timer of <c>Size</c> seconds, then one activity.</summary>
[DurableTask(nameof(SyntheticTimerOrchestrator))]
public sealed class SyntheticTimerOrchestrator : TaskOrchestrator<SyntheticInput, long>
{
    /// <inheritdoc/>
    public override async Task<long> RunAsync(TaskOrchestrationContext context, SyntheticInput input)
    {
        ArgumentNullException.ThrowIfNull(context);
        SyntheticInput checkedInput = SyntheticInput.Check(input);
        await context.CreateTimer(TimeSpan.FromSeconds(checkedInput.Size), CancellationToken.None);
        return await context.CallActivityAsync<long>(nameof(SyntheticStepActivity), new SyntheticStep(checkedInput.Seed, checkedInput.Size));
    }
}
