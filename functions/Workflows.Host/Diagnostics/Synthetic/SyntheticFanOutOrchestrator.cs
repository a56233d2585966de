using Microsoft.DurableTask;

namespace Workflows.Host.Diagnostics.Synthetic;

/// <summary><c>Size</c> activities at once on the seed, their results combined in the order they were called.</summary>
[DurableTask(nameof(SyntheticFanOutOrchestrator))]
public sealed class SyntheticFanOutOrchestrator : TaskOrchestrator<SyntheticInput, long>
{
    /// <inheritdoc/>
    public override async Task<long> RunAsync(TaskOrchestrationContext context, SyntheticInput input)
    {
        ArgumentNullException.ThrowIfNull(context);
        SyntheticInput checkedInput = SyntheticInput.Check(input);
        Task<long>[] branches = [.. Enumerable.Range(0, checkedInput.Size)
            .Select(i => context.CallActivityAsync<long>(nameof(SyntheticStepActivity), new SyntheticStep(checkedInput.Seed, i)))];
        return SyntheticWorkflows.Combine(await Task.WhenAll(branches));
    }
}
