using Microsoft.DurableTask;
using Workflows.DurableTask.CrashHost.Activities;

namespace Workflows.DurableTask.CrashHost.Orchestrations;

/// <summary>Calls <see cref="ScaleActivity"/> once per generation and continues as new with the running total until
/// <see cref="Workload.Generations"/> generations have run.</summary>
public sealed class GenerationsOrchestrator : TaskOrchestrator<GenerationState, string>
{
    /// <inheritdoc/>
    public override async Task<string> RunAsync(TaskOrchestrationContext context, GenerationState input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        int result = await context.CallActivityAsync<int>(nameof(ScaleActivity), Workload.GenerationActivityInput(input.Index, input.Generation));
        long total = input.Total + result;
        if (input.Generation + 1 < Workload.Generations)
        {
            context.ContinueAsNew(input with { Generation = input.Generation + 1, Total = total });
            return string.Empty;
        }

        return FormattableString.Invariant($"generations:{total}");
    }
}
