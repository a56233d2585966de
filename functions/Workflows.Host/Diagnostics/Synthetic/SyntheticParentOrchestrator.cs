using Microsoft.DurableTask;

namespace Workflows.Host.Diagnostics.Synthetic;

/// <summary><c>Size</c> sub-orchestrations at once, each a <see cref="SyntheticSequenceOrchestrator"/> of
/// <see cref="SyntheticWorkflows.ChildSteps"/> steps on a seed of its own, with the instance id
/// <see cref="SyntheticWorkflows.ChildInstanceId"/>; their results combined in order.</summary>
[DurableTask(nameof(SyntheticParentOrchestrator))]
public sealed class SyntheticParentOrchestrator : TaskOrchestrator<SyntheticInput, long>
{
    /// <inheritdoc/>
    public override async Task<long> RunAsync(TaskOrchestrationContext context, SyntheticInput input)
    {
        ArgumentNullException.ThrowIfNull(context);
        SyntheticInput checkedInput = SyntheticInput.Check(input);
        Task<long>[] children = [.. Enumerable.Range(0, checkedInput.Size).Select(i => context.CallSubOrchestratorAsync<long>(
            nameof(SyntheticSequenceOrchestrator),
            SyntheticWorkflows.ChildInput(checkedInput.Seed, i),
            new SubOrchestrationOptions(instanceId: SyntheticWorkflows.ChildInstanceId(context.InstanceId, i))))];
        return SyntheticWorkflows.Combine(await Task.WhenAll(children));
    }
}
