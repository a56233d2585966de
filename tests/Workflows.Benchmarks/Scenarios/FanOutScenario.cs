using System.Diagnostics;
using DurableTask.Core.History;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace Workflows.Benchmarks.Scenarios;

/// <summary>One orchestration fanning out to many activities at once (Task.WhenAll) and back.</summary>
internal static class FanOutScenario
{
    public static async Task RunAsync(BenchmarkHost host, int count, FigureSet figures, CancellationToken cancellationToken)
    {
        TimeSpan cpuAtStart = CpuSnapshot.OwnNow();
        (double seconds, int? episodes) = await RunCoreAsync(host, "fanout", count, cancellationToken);
        figures.Add("fanOut1000Seconds", seconds, 3);
        figures.Add("fanOutCpuMsPerActivity", (CpuSnapshot.OwnNow() - cpuAtStart).TotalMilliseconds / count, 3);
        figures.Add("fanOutActivitiesPerSec", count / seconds, 1);
        figures.Add("fanOutEpisodes", episodes);
        Progress.Info($"fan-out: {count} activities in {seconds:F3}s = {count / seconds:F1}/s, {episodes?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "unknown"} episodes");
    }

    /// <summary>Runs the scenario; also used, small, as the warm-up. Returns the time and the number of episodes (null
    /// where the service keeps no history to read: the in-memory one).</summary>
    public static async Task<(double Seconds, int? Episodes)> RunCoreAsync(BenchmarkHost host, string instanceId, int count, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        await host.Client.ScheduleNewOrchestrationInstanceAsync(BenchmarkTasks.FanOut, count, new StartOrchestrationOptions(instanceId), cancellationToken);
        OrchestrationMetadata done = await host.WaitCompletedAsync(instanceId, cancellationToken, withOutput: true);
        clock.Stop();
        if (done.ReadOutputAs<int>() != count)
        {
            throw new InvalidOperationException($"FanOut returned {done.SerializedOutput}, not {count}.");
        }

        try
        {
            IList<HistoryEvent> history = await host.Client.GetOrchestrationHistoryAsync(instanceId, cancellationToken);
            return (clock.Elapsed.TotalSeconds, history.Count(e => e.EventType == EventType.OrchestratorStarted));
        }
        catch (NotImplementedException)
        {
            return (clock.Elapsed.TotalSeconds, null);
        }
    }
}
