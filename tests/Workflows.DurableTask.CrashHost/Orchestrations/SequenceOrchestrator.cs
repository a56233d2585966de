using Microsoft.DurableTask;
using Workflows.DurableTask.CrashHost.Activities;

namespace Workflows.DurableTask.CrashHost.Orchestrations;

/// <summary>Runs <see cref="ScaleActivity"/> <see cref="Workload.SequenceLength"/> times in sequence on its input.</summary>
public sealed class SequenceOrchestrator : TaskOrchestrator<int, string>
{
    /// <inheritdoc/>
    public override async Task<string> RunAsync(TaskOrchestrationContext context, int input)
    {
        ArgumentNullException.ThrowIfNull(context);
        int value = input;
        for (int step = 0; step < Workload.SequenceLength; step++)
        {
            value = await context.CallActivityAsync<int>(nameof(ScaleActivity), value);
        }

        return FormattableString.Invariant($"seq:{value}");
    }
}
