namespace Workflows.Durable.CrashHost;

/// <summary>Class-based activity that fails the first time it runs for an instance, as its side-effect table tells,
/// and succeeds on every later run (a retry, or a redelivery after a crash).</summary>
public sealed class FlakyActivity : TaskActivity<int, string>
{
    private readonly SideEffectLog log;

    /// <summary>Creates the activity.</summary>
    public FlakyActivity(SideEffectLog log)
    {
        this.log = log;
    }

    /// <inheritdoc/>
    public override async Task<string> RunAsync(TaskActivityContext context, int input)
    {
        ArgumentNullException.ThrowIfNull(context);
        int runs = await this.log.RecordAsync(context).ConfigureAwait(false);
        await Task.Delay(Workload.ActivityWork).ConfigureAwait(false);
        if (runs == 1)
        {
            throw new InvalidOperationException($"Planned failure of the first attempt for instance '{context.InstanceId}'.");
        }

        return FormattableString.Invariant($"flaky-{input}");
    }
}
