using System.Diagnostics;
using Workflows.Durable;
using Workflows.Durable.Client;

namespace Workflows.Benchmarks.Scenarios;

/// <summary>One orchestration calling activities one after the other: the per-step cost of an episode plus an
/// activity round trip, with nothing to overlap it.</summary>
internal static class SequentialActivitiesScenario
{
    public static async Task RunAsync(BenchmarkHost host, int count, BenchmarkReport report, CancellationToken cancellationToken)
    {
        double seconds = await RunCoreAsync(host, "sequence", count, cancellationToken);
        double perSecond = count / seconds;
        report.Add("sequentialActivitiesPerSec", perSecond, 1);
        report.Add("sequentialActivitiesSeconds", seconds, 3);
        Progress.Info($"sequential: {count} activities in {seconds:F2}s = {perSecond:F1}/s");
    }

    public static async Task<double> RunCoreAsync(BenchmarkHost host, string instanceId, int count, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        await host.Client.ScheduleNewOrchestrationInstanceAsync(BenchmarkTasks.Sequence, count, new StartOrchestrationOptions(instanceId), cancellationToken);
        OrchestrationMetadata done = await host.WaitCompletedAsync(instanceId, cancellationToken, withOutput: true);
        clock.Stop();
        if (done.ReadOutputAs<int>() != count)
        {
            throw new InvalidOperationException($"Sequence returned {done.SerializedOutput}, not {count}.");
        }

        return clock.Elapsed.TotalSeconds;
    }
}
