namespace Workflows.Durable.CrashHost;

/// <summary>Class-based orchestrator: runs <see cref="ScaleActivity"/> five times in sequence on its input.</summary>
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
