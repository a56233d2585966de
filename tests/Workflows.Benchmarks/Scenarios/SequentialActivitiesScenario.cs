using System.Diagnostics;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace Workflows.Benchmarks.Scenarios;

/// <summary>One orchestration calling activities one after the other: the per-step cost of an episode plus an
/// activity round trip, with nothing to overlap it.</summary>
internal static class SequentialActivitiesScenario
{
    public static async Task RunAsync(BenchmarkHost host, int count, FigureSet figures, CancellationToken cancellationToken)
    {
        TimeSpan cpuAtStart = CpuSnapshot.OwnNow();
        double seconds = await RunCoreAsync(host, "sequence", count, cancellationToken);
        figures.Add("sequentialActivitiesPerSec", count / seconds, 1);
        figures.Add("sequentialActivitiesCpuMsPerActivity", (CpuSnapshot.OwnNow() - cpuAtStart).TotalMilliseconds / count, 3);
        figures.Add("sequentialActivitiesSeconds", seconds, 3);
        Progress.Info($"sequential: {count} activities in {seconds:F2}s = {count / seconds:F1}/s");
    }

    public static async Task<double> RunCoreAsync(BenchmarkHost host, string instanceId, int count, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        await host.Client.ScheduleNewOrchestrationInstanceAsync(BenchmarkTasks.Sequence, count, new StartOrchestrationOptions(instanceId), cancellationToken);
        OrchestrationMetadata done = await host.WaitCompletedAsync(instanceId, cancellationToken, withOutput: true);
        clock.Stop();
        return done.ReadOutputAs<int>() == count
            ? clock.Elapsed.TotalSeconds
            : throw new InvalidOperationException($"Sequence returned {done.SerializedOutput}, not {count}.");
    }
}
