using Microsoft.DurableTask;

namespace Workflows.DurableTask.CrashHost.Activities;

/// <summary>Records its execution, works a little, and returns its input upper-cased.</summary>
public sealed class UpperActivity(SideEffectLog log) : TaskActivity<string, string>
{
    /// <inheritdoc/>
    public override async Task<string> RunAsync(TaskActivityContext context, string input)
    {
        ArgumentNullException.ThrowIfNull(input);
        await log.RecordAsync(context, input).ConfigureAwait(false);
        await Task.Delay(Workload.ActivityWork).ConfigureAwait(false);
        return input.ToUpperInvariant();
    }
}
