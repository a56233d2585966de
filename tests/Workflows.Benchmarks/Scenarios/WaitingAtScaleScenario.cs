using System.Diagnostics;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Workflows.Benchmarks.Providers;
using Workflows.DurableTask.Queries;
using Workflows.DurableTask.Sqlite;

namespace Workflows.Benchmarks.Scenarios;

/// <summary>The SQLite provider with many instances waiting on approvals (100,000 in the full run), as a congress in
/// session leaves them: the same measurements on the empty store and then at that size, each also as a ratio at size
/// / empty: the process's managed heap and working set, the event round trip (one instance at a time, as in
/// <see cref="EventRoundTripScenario"/>), and the dashboard's pages through the provider's query port. Unlike the
/// dashboard scenario the instances are started through the engine and really wait, with their histories and timers.</summary>
internal static class WaitingAtScaleScenario
{
    private const double MiB = 1024 * 1024;
    private const int PageSize = 50;

    public static int Instances(bool quick) => quick ? 2_000 : 100_000;

    public static async Task RunAsync(string folder, bool quick, int eventSamples, FigureSet figures, CancellationToken cancellationToken)
    {
        int count = Instances(quick);
        await using var provider = new SqliteProvider(Directory.CreateDirectory(folder).FullName, concurrency: null, extendedSessions: null);
        await using BenchmarkHost host = await BenchmarkHost.StartAsync(provider, profile: false, cancellationToken);
        using var queries = new SqliteOrchestrationService(new SqliteOrchestrationServiceSettings { ConnectionString = provider.ConnectionString });
        IInstanceQueryPort port = queries;

        // Warm the paths, then measure the empty store.
        await EventRoundTripScenario.MeasureAsync(host, "scale-warmup-", Math.Max(2, eventSamples / 4), viaWaitApi: false, cancellationToken);
        await host.PurgeFinishedAsync(cancellationToken);
        Measured empty = await MeasureAsync(host, port, "scale-empty-", eventSamples, cancellationToken);
        await host.PurgeFinishedAsync(cancellationToken);

        var clock = Stopwatch.StartNew();
        const int Batch = 500;
        for (int first = 0; first < count; first += Batch)
        {
            await Task.WhenAll(Enumerable.Range(first, Math.Min(Batch, count - first)).Select(i =>
                host.Client.ScheduleNewOrchestrationInstanceAsync(
                    BenchmarkTasks.WaitForApproval,
                    new StartOrchestrationOptions("waiting-" + i.ToString("D6", CultureInfo.InvariantCulture)),
                    cancellationToken)));
        }

        double scheduleSeconds = clock.Elapsed.TotalSeconds;
        await WaitAllWaitingAsync(port, count, cancellationToken);
        clock.Stop();
        Progress.Info($"scale: {count} instances waiting on approvals after {clock.Elapsed.TotalSeconds:F1}s (scheduled in {scheduleSeconds:F1}s)");
        figures.Add("scaleWaitingInstances", count);
        figures.Add("scaleStartPerSec", count / clock.Elapsed.TotalSeconds, 1);

        Measured atSize = await MeasureAsync(host, port, "scale-sized-", eventSamples, cancellationToken);
        figures.Add("scaleHeapMbEmpty", empty.HeapBytes / MiB, 2);
        figures.Add("scaleHeapMbAtSize", atSize.HeapBytes / MiB, 2);
        figures.Add("scaleHeapMbPer10k", (atSize.HeapBytes - empty.HeapBytes) / MiB * 10_000 / count, 3);
        figures.Add("scaleWorkingSetMbEmpty", empty.WorkingSetBytes / MiB, 1);
        figures.Add("scaleWorkingSetMbAtSize", atSize.WorkingSetBytes / MiB, 1);
        figures.Add("scaleDatabaseMbAtSize", new FileInfo(provider.DatabasePath).Length / MiB, 1);
        foreach ((string name, double emptyValue, double sizedValue) in new[]
        {
            ("scaleEventRoundTripMsP50", empty.EventP50, atSize.EventP50),
            ("scaleEventRoundTripMsP99", empty.EventP99, atSize.EventP99),
            ("scaleDashboardListPageMs", empty.ListPageMs, atSize.ListPageMs),
            ("scaleDashboardRunningPageMs", empty.RunningPageMs, atSize.RunningPageMs),
            ("scaleDashboardCountsMs", empty.CountsMs, atSize.CountsMs),
            ("scaleDashboardPrefixPageMs", empty.PrefixPageMs, atSize.PrefixPageMs),
        })
        {
            figures.Add(name + "Empty", emptyValue, 3);
            figures.Add(name + "AtSize", sizedValue, 3);
            figures.Add(name + "AtSizeVsEmpty", emptyValue > 0 ? sizedValue / emptyValue : 0, 2);
        }

        Progress.Info(
            $"scale: heap {empty.HeapBytes / MiB:F1} -> {atSize.HeapBytes / MiB:F1} MB; event p99 {empty.EventP99:F2} -> {atSize.EventP99:F2} ms; " +
            $"list page {empty.ListPageMs:F2} -> {atSize.ListPageMs:F2} ms; counts {empty.CountsMs:F2} -> {atSize.CountsMs:F2} ms");
        SqliteConnection.ClearAllPools();
    }

    private static async Task<Measured> MeasureAsync(BenchmarkHost host, IInstanceQueryPort port, string prefix, int eventSamples, CancellationToken cancellationToken)
    {
        double[] events = await EventRoundTripScenario.MeasureAsync(host, prefix, eventSamples, viaWaitApi: false, cancellationToken);
        Array.Sort(events);
        var list = new InstanceQuery { PageSize = PageSize };
        (double listPage, _, _) = await DashboardQueriesScenario.MeasureAsync(() => DashboardQueriesScenario.PageAsync(port, list, cancellationToken));
        (double runningPage, _, _) = await DashboardQueriesScenario.MeasureAsync(() => DashboardQueriesScenario.PageAsync(port, list with { Statuses = [OrchestrationRuntimeStatus.Running], OrderBy = InstanceOrderBy.LastUpdatedTime }, cancellationToken));
        (double counts, _, _) = await DashboardQueriesScenario.MeasureAsync(() => DashboardQueriesScenario.CountAsync(port, new InstanceQuery(), cancellationToken));
        (double prefixPage, _, _) = await DashboardQueriesScenario.MeasureAsync(() => DashboardQueriesScenario.PageAsync(port, list with { InstanceIdPrefix = "waiting-0042" }, cancellationToken));
        long heap = IdleMemoryScenario.FullCollect();
        long workingSet = IdleMemoryScenario.WorkingSet();
        return new Measured(heap, workingSet, Percentiles.Of(events, 50), Percentiles.Of(events, 99), listPage, runningPage, counts, prefixPage);
    }

    /// <summary>Waits until every instance has run its first episode: all Running, none Pending.</summary>
    private static async Task WaitAllWaitingAsync(IInstanceQueryPort port, int count, CancellationToken cancellationToken)
    {
        var query = new InstanceQuery { InstanceIdPrefix = "waiting-" };
        long running = 0;
        var progress = Stopwatch.StartNew();
        while (true)
        {
            IReadOnlyDictionary<OrchestrationRuntimeStatus, long> counts = await port.CountInstancesAsync(query, cancellationToken);
            running = counts.GetValueOrDefault(OrchestrationRuntimeStatus.Running);
            if (running >= count)
            {
                return;
            }

            if (counts.Keys.Any(s => s is not (OrchestrationRuntimeStatus.Running or OrchestrationRuntimeStatus.Pending)))
            {
                throw new InvalidOperationException($"Waiting instances ended: {string.Join(", ", counts.Select(c => $"{c.Key}={c.Value}"))}");
            }

            if (progress.Elapsed > TimeSpan.FromSeconds(15))
            {
                Progress.Info($"scale: {running} of {count} waiting");
                progress.Restart();
            }

            await Task.Delay(TimeSpan.FromMilliseconds(250), cancellationToken);
        }
    }

    private sealed record Measured(long HeapBytes, long WorkingSetBytes, double EventP50, double EventP99, double ListPageMs, double RunningPageMs, double CountsMs, double PrefixPageMs);
}
