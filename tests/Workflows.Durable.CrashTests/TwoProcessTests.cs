using Workflows.Durable.CrashTests.Infrastructure;
using Xunit.Abstractions;

namespace Workflows.Durable.CrashTests;

/// <summary>Two host processes work on one SQLite file at once.</summary>
[Collection(CrashProcessCollection.Name)]
public sealed class TwoProcessTests
{
    private const int Instances = 204;

    // Nothing is killed here, so the lease is long: a task that still ran twice would mean two processes held it at once.
    private const double LockSeconds = 10;

    private readonly ITestOutputHelper output;

    public TwoProcessTests(ITestOutputHelper output)
    {
        this.output = output;
    }

    [Fact]
    public async Task Two_hosts_on_one_SQLite_file_run_every_orchestration_and_activity_exactly_once()
    {
        await using var workspace = new CrashWorkspace(this.output, LockSeconds);
        await workspace.RunToExitAsync("seed", Instances);
        using CrashHostProcess first = workspace.StartWorker("worker A");
        using CrashHostProcess second = workspace.StartWorker("worker B");
        await Task.WhenAll(first.WaitUntilReadyAsync(TimeSpan.FromSeconds(30)), second.WaitUntilReadyAsync(TimeSpan.FromSeconds(30)));
        workspace.Log($"workers started: pids {first.Id} and {second.Id}");
        await workspace.RunToExitAsync("events", Instances);
        await workspace.WaitForAllCompletedAsync(Instances, TimeSpan.FromSeconds(75), first, second);
        workspace.Log("all instances Completed");
        first.Kill();
        second.Kill();

        string summary = await WorkloadVerifier.VerifyAsync(workspace.Client, workspace.EffectsPath, Instances, activitiesExactlyOnce: true);
        workspace.Log(summary);

        IReadOnlyList<SideEffectRow> effects = WorkloadVerifier.ReadSideEffects(workspace.EffectsPath);
        Assert.Contains(effects, r => r.ProcessIds.Contains(first.Id));
        Assert.Contains(effects, r => r.ProcessIds.Contains(second.Id));
    }
}
