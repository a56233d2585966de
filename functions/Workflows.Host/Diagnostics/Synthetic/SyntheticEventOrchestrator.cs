using Microsoft.DurableTask;

namespace Workflows.Host.Diagnostics.Synthetic;

/// <summary>Waits for the external event <see cref="SyntheticWorkflows.SignalEvent"/> (an integer), then runs one
/// activity on the seed and that integer. It waits as long as it takes: an event that never arrives leaves it running.</summary>
[DurableTask(nameof(SyntheticEventOrchestrator))]
public sealed class SyntheticEventOrchestrator : TaskOrchestrator<SyntheticInput, long>
{
    /// <inheritdoc/>
    public override async Task<long> RunAsync(TaskOrchestrationContext context, SyntheticInput input)
    {
        ArgumentNullException.ThrowIfNull(context);
        SyntheticInput checkedInput = SyntheticInput.Check(input);
        int signal = await context.WaitForExternalEvent<int>(SyntheticWorkflows.SignalEvent);
        return await context.CallActivityAsync<long>(nameof(SyntheticStepActivity), new SyntheticStep(checkedInput.Seed, signal));
    }
}
