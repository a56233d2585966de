using System.Globalization;
using Microsoft.DurableTask;

namespace Workflows.DurableTask.CrashHost.Activities;

/// <summary>Records its execution, works a little, and returns 2x + 1.</summary>
public sealed class ScaleActivity(SideEffectLog log) : TaskActivity<int, int>
{
    /// <inheritdoc/>
    public override async Task<int> RunAsync(TaskActivityContext context, int input)
    {
        await log.RecordAsync(context, input.ToString(CultureInfo.InvariantCulture)).ConfigureAwait(false);
        await Task.Delay(Workload.ActivityWork).ConfigureAwait(false);
        return (2 * input) + 1;
    }
}
