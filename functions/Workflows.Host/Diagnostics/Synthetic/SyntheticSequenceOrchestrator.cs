using Microsoft.DurableTask;

namespace Workflows.Host.Diagnostics.Synthetic;

/// <summary>Activities in sequence, each given the previous one's result: <c>Size</c> steps from the seed.</summary>
[DurableTask(nameof(SyntheticSequenceOrchestrator))]
public sealed class SyntheticSequenceOrchestrator : TaskOrchestrator<SyntheticInput, long>
{
    /// <inheritdoc/>
    public override async Task<long> RunAsync(TaskOrchestrationContext context, SyntheticInput input)
    {
        ArgumentNullException.ThrowIfNull(context);
        SyntheticInput checkedInput = SyntheticInput.Check(input);
        long value = checkedInput.Seed;
        for (int step = 0; step < checkedInput.Size; step++)
        {
            value = await context.CallActivityAsync<long>(nameof(SyntheticStepActivity), new SyntheticStep(value, step));
        }

        return value;
    }
}
