using Microsoft.DurableTask;
using Workflows.DurableTask.CrashHost.Activities;

namespace Workflows.DurableTask.CrashHost.Orchestrations;

/// <summary>Runs <see cref="Workload.FanOutWidth"/> <see cref="ScaleActivity"/> calls at once and sums their results.</summary>
public sealed class FanOutOrchestrator : TaskOrchestrator<int, string>
{
    /// <inheritdoc/>
    public override async Task<string> RunAsync(TaskOrchestrationContext context, int input)
    {
        ArgumentNullException.ThrowIfNull(context);
        Task<int>[] calls = [.. Enumerable.Range(0, Workload.FanOutWidth)
            .Select(k => context.CallActivityAsync<int>(nameof(ScaleActivity), (input * 100) + k))];
        int[] results = await Task.WhenAll(calls);
        return FormattableString.Invariant($"fan:{results.Sum(v => (long)v)}");
    }
}
