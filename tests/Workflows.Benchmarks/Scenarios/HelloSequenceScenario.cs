using System.Diagnostics;
using System.Globalization;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace Workflows.Benchmarks.Scenarios;

/// <summary>Many independent HelloCities5 orchestrations (five sequential activities each): all are scheduled, then
/// all are awaited; the clock runs from the first schedule to the last completion. The headline figure schedules
/// them one after the other from one client; a second pass schedules them all at once (as many concurrent HTTP
/// starts would), which leaves the worker a backlog to claim from.</summary>
internal static class HelloSequenceScenario
{
    public static async Task RunAsync(BenchmarkHost host, int count, FigureSet figures, CancellationToken cancellationToken)
    {
        TimeSpan cpuAtStart = CpuSnapshot.OwnNow();
        (double seconds, double scheduleSeconds) = await RunCoreAsync(host, "hello-", count, concurrentSchedule: false, cancellationToken);
        figures.Add("helloSequence5PerSec", count / seconds, 1);
        figures.Add("helloSequence5CpuMsPerOrchestration", (CpuSnapshot.OwnNow() - cpuAtStart).TotalMilliseconds / count, 3);
        figures.Add("helloSequence5Seconds", seconds, 3);
        figures.Add("helloSequence5ScheduleSeconds", scheduleSeconds, 3);
        Progress.Info($"hello: {count} orchestrations in {seconds:F2}s (scheduling took {scheduleSeconds:F2}s) = {count / seconds:F1}/s");
        await host.PurgeFinishedAsync(cancellationToken);

        (seconds, scheduleSeconds) = await RunCoreAsync(host, "hello-concurrent-", count, concurrentSchedule: true, cancellationToken);
        figures.Add("helloSequence5ConcurrentStartPerSec", count / seconds, 1);
        figures.Add("helloSequence5ConcurrentStartScheduleSeconds", scheduleSeconds, 3);
        Progress.Info($"hello, scheduled concurrently: {count} orchestrations in {seconds:F2}s (scheduling took {scheduleSeconds:F2}s) = {count / seconds:F1}/s");
    }

    /// <summary>Runs the scenario; also used, small, as the warm-up.</summary>
    public static async Task<(double Seconds, double ScheduleSeconds)> RunCoreAsync(
        BenchmarkHost host, string prefix, int count, bool concurrentSchedule, CancellationToken cancellationToken)
    {
        string[] ids = [.. Enumerable.Range(0, count).Select(i => prefix + i.ToString("D6", CultureInfo.InvariantCulture))];
        var clock = Stopwatch.StartNew();
        if (concurrentSchedule)
        {
            await Task.WhenAll(ids.Select(id =>
                host.Client.ScheduleNewOrchestrationInstanceAsync(BenchmarkTasks.HelloCities5, new StartOrchestrationOptions(id), cancellationToken)));
        }
        else
        {
            foreach (string id in ids)
            {
                await host.Client.ScheduleNewOrchestrationInstanceAsync(BenchmarkTasks.HelloCities5, new StartOrchestrationOptions(id), cancellationToken);
            }
        }

        double scheduleSeconds = clock.Elapsed.TotalSeconds;

        // Waiting in schedule order keeps one waiter at a time; the ones already done cost one read each.
        foreach (string id in ids)
        {
            await host.WaitCompletedAsync(id, cancellationToken);
        }

        clock.Stop();

        OrchestrationMetadata last = await host.WaitCompletedAsync(ids[^1], cancellationToken, withOutput: true);
        string[]? greetings = last.ReadOutputAs<string[]>();
        if (greetings is null || !greetings.SequenceEqual(BenchmarkTasks.Cities.Select(BenchmarkTasks.Greeting)))
        {
            throw new InvalidOperationException($"HelloCities5 returned {last.SerializedOutput}.");
        }

        return (clock.Elapsed.TotalSeconds, scheduleSeconds);
    }
}
