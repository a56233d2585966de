using System.Diagnostics;
using System.Globalization;
using Workflows.Durable;
using Workflows.Durable.Client;

namespace Workflows.Benchmarks.Scenarios;

/// <summary>Many independent HelloCities5 orchestrations (five sequential activities each): all are scheduled, then
/// all are awaited; the clock runs from the first schedule to the last completion. The headline figure schedules
/// them one after the other from one client; a second pass schedules them all at once (as many concurrent HTTP
/// starts would), which leaves the worker a backlog to claim from.</summary>
internal static class HelloSequenceScenario
{
    public static async Task RunAsync(BenchmarkHost host, int count, BenchmarkReport report, CancellationToken cancellationToken)
    {
        (double seconds, double scheduleSeconds) = await RunCoreAsync(host, "hello-", count, concurrentSchedule: false, cancellationToken);
        double perSecond = count / seconds;
        report.Add("helloSequence5PerSec", perSecond, 1);
        report.Add("helloSequence5Seconds", seconds, 3);
        report.Add("helloSequence5ScheduleSeconds", scheduleSeconds, 3);
        Progress.Info($"hello: {count} orchestrations in {seconds:F2}s (scheduling took {scheduleSeconds:F2}s) = {perSecond:F1}/s");
        host.ProfileMark("hello");
        await host.PurgeFinishedAsync(cancellationToken);
        host.ProfileMark(null);

        (seconds, scheduleSeconds) = await RunCoreAsync(host, "hello-concurrent-", count, concurrentSchedule: true, cancellationToken);
        perSecond = count / seconds;
        report.Add("helloSequence5ConcurrentStartPerSec", perSecond, 1);
        report.Add("helloSequence5ConcurrentStartScheduleSeconds", scheduleSeconds, 3);
        Progress.Info($"hello, scheduled concurrently: {count} orchestrations in {seconds:F2}s (scheduling took {scheduleSeconds:F2}s) = {perSecond:F1}/s");
        host.ProfileMark("hello, scheduled concurrently");
    }

    /// <summary>Runs the scenario; also used, small, as the warm-up.</summary>
    public static async Task<(double Seconds, double ScheduleSeconds)> RunCoreAsync(
        BenchmarkHost host, string prefix, int count, bool concurrentSchedule, CancellationToken cancellationToken)
    {
        string[] ids = Enumerable.Range(0, count).Select(i => prefix + i.ToString("D6", CultureInfo.InvariantCulture)).ToArray();
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

        // Waiting in schedule order keeps one waiter at a time; the ones already done cost one read each,
        // and the last one is woken by the engine's in-process change notification.
        foreach (string id in ids)
        {
            await host.WaitCompletedAsync(id, cancellationToken);
        }

        clock.Stop();

        OrchestrationMetadata last = await host.WaitCompletedAsync(ids[^1], cancellationToken, withOutput: true);
        string[]? greetings = last.ReadOutputAs<string[]>();
        string[] expected = BenchmarkTasks.Cities.Select(BenchmarkTasks.Greeting).ToArray();
        if (greetings is null || !greetings.SequenceEqual(expected))
        {
            throw new InvalidOperationException($"HelloCities5 returned {last.SerializedOutput}.");
        }

        return (clock.Elapsed.TotalSeconds, scheduleSeconds);
    }
}
