namespace Workflows.Durable.CrashHost;

/// <summary>Class-based activity, made through dependency injection: records its execution and returns 2x + 1.</summary>
public sealed class ScaleActivity : TaskActivity<int, int>
{
    private readonly SideEffectLog log;

    /// <summary>Creates the activity.</summary>
    public ScaleActivity(SideEffectLog log)
    {
        this.log = log;
    }

    /// <inheritdoc/>
    public override async Task<int> RunAsync(TaskActivityContext context, int input)
    {
        await this.log.RecordAsync(context).ConfigureAwait(false);
        await Task.Delay(Workload.ActivityWork).ConfigureAwait(false);
        return (2 * input) + 1;
    }
}
