using System.Globalization;
using Microsoft.DurableTask;

namespace Workflows.DurableTask.CrashHost.Activities;

/// <summary>Fails the first time it runs for an instance, as the side-effect log tells, and succeeds on every later run
/// (a retry, or a redelivery after a crash).</summary>
public sealed class FlakyActivity(SideEffectLog log) : TaskActivity<int, string>
{
    /// <inheritdoc/>
    public override async Task<string> RunAsync(TaskActivityContext context, int input)
    {
        ArgumentNullException.ThrowIfNull(context);
        int runs = await log.RecordAsync(context, input.ToString(CultureInfo.InvariantCulture)).ConfigureAwait(false);
        await Task.Delay(Workload.ActivityWork).ConfigureAwait(false);
        if (runs == 1)
        {
            throw new InvalidOperationException($"Planned failure of the first attempt for instance '{context.InstanceId}'.");
        }

        return FormattableString.Invariant($"flaky-{input}");
    }
}
