using Microsoft.DurableTask;

namespace Workflows.Host.Diagnostics.Synthetic;

/// <summary>One activity per generation, continuing as new with its result as the next seed until <c>Size</c>
/// generations have run; the last generation's result is the output.</summary>
[DurableTask(nameof(SyntheticGenerationsOrchestrator))]
public sealed class SyntheticGenerationsOrchestrator : TaskOrchestrator<SyntheticInput, long>
{
    /// <inheritdoc/>
    public override async Task<long> RunAsync(TaskOrchestrationContext context, SyntheticInput input)
    {
        ArgumentNullException.ThrowIfNull(context);
        SyntheticInput checkedInput = SyntheticInput.Check(input);
        if (checkedInput.Size == 0)
        {
            return checkedInput.Seed;
        }

        long value = await context.CallActivityAsync<long>(nameof(SyntheticStepActivity), new SyntheticStep(checkedInput.Seed, checkedInput.Size));
        if (checkedInput.Size > 1)
        {
            context.ContinueAsNew(new SyntheticInput(value, checkedInput.Size - 1));
        }

        return value;
    }
}
