using Microsoft.DurableTask;

namespace Workflows.Host.Diagnostics.Synthetic;

/// <summary>One step of a synthetic orchestration: <see cref="SyntheticWorkflows.Mix"/> of its input, so its result
/// depends on the value and the step and on nothing else (a repeated run gives the same result).</summary>
[DurableTask(nameof(SyntheticStepActivity))]
public sealed class SyntheticStepActivity : TaskActivity<SyntheticStep, long>
{
    /// <inheritdoc/>
    public override Task<long> RunAsync(TaskActivityContext context, SyntheticStep input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return Task.FromResult(SyntheticWorkflows.Mix(input.Value, input.Step));
    }
}
