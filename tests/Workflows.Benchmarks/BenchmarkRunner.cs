using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using Workflows.Benchmarks.Scenarios;

namespace Workflows.Benchmarks;

/// <summary>Runs the selected scenarios in one process, on a fresh SQLite file in a new temporary folder that is
/// deleted at the end, and returns the report.</summary>
internal static class BenchmarkRunner
{
    public static async Task<BenchmarkReport> RunAsync(BenchmarkSizes sizes, Scenario selected, bool quick, bool profile, CancellationToken cancellationToken)
    {
        var report = new BenchmarkReport();
        var total = Stopwatch.StartNew();
        string folder = Directory.CreateTempSubdirectory("workflows-bench-").FullName;
        double? load = MachineInfo.LoadAverage();
        CpuSnapshot cpuAtStart = CpuSnapshot.Take();
        Progress.Info($"temp folder {folder}; scenarios: {selected}; {(quick ? "quick" : "full")} sizes; load average {load}");

        try
        {
            // The baseline runs first, alone, while no engine is running in the process.
            if (selected.HasFlag(Scenario.Sqlite))
            {
                SqliteCommitBaseline.Run(folder, sizes.SqliteBaselineDuration, report);
            }

            if ((selected & Scenario.Engine) != Scenario.None)
            {
                await RunEngineAsync(folder, sizes, selected, profile, report, cancellationToken);
            }

            // Last, on a file of its own: its large store must not slow the engine scenarios.
            if (selected.HasFlag(Scenario.Dashboard))
            {
                string dataDirectory = Path.Combine(folder, "dashboard");
                await DashboardQueriesScenario.RunAsync(dataDirectory, sizes.DashboardInstances, report, cancellationToken);
                await DashboardPagesScenario.RunAsync(dataDirectory, sizes.DashboardInstances, report, cancellationToken);
            }
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            try
            {
                Directory.Delete(folder, recursive: true);
                Progress.Info($"deleted {folder}");
            }
            catch (IOException ex)
            {
                Progress.Info($"could not delete {folder}: {ex.Message}");
            }
        }

        AddRatios(report);
        (double? machineBusy, double own) = CpuSnapshot.Between(cpuAtStart, CpuSnapshot.Take());
        total.Stop();
        report.Add("totalSeconds", total.Elapsed.TotalSeconds, 1);
        report.Add("quick", JsonValue.Create(quick));
        report.Add("sizes", new JsonObject
        {
            ["helloOrchestrations"] = sizes.HelloOrchestrations,
            ["sequentialActivities"] = sizes.SequentialActivities,
            ["fanOutActivities"] = sizes.FanOutActivities,
            ["eventSamples"] = sizes.EventSamples,
            ["idleOrchestrations"] = sizes.IdleOrchestrations,
            ["sqliteBaselineSeconds"] = sizes.SqliteBaselineDuration.TotalSeconds,
            ["dashboardInstances"] = sizes.DashboardInstances,
        });
        JsonObject machine = MachineInfo.Describe(folder, load);
        machine["machineCpuBusyPercent"] = machineBusy is { } b ? Math.Round(b, 1) : null;
        machine["ownCpuPercent"] = Math.Round(own, 1);
        machine["otherProcessesCpuPercent"] = machineBusy is { } busy ? Math.Round(Math.Max(0, busy - own), 1) : null;
        report.Add("machine", machine);
        report.Add("engine", EngineVersion.Describe());
        if (machineBusy - own > 10)
        {
            Progress.Info($"warning: other processes used about {machineBusy - own:F0}% of the machine during the run; the figures are low and noisy");
        }

        report.Add("measuredAtUtc", DateTimeOffset.UtcNow.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture));
        return report;
    }

    private static async Task RunEngineAsync(string folder, BenchmarkSizes sizes, Scenario selected, bool profile, BenchmarkReport report, CancellationToken cancellationToken)
    {
        string database = Path.Combine(folder, "engine.db");
        await using BenchmarkHost host = await BenchmarkHost.StartAsync(database, profile, cancellationToken);

        // Warm-up (not measured): a quarter-size pass over the engine's paths, so that the measured code is JIT-compiled
        // to its final tier and the connection pool is full.
        var warmup = Stopwatch.StartNew();
        await HelloSequenceScenario.RunCoreAsync(host, "warmup-hello-", Math.Max(50, sizes.HelloOrchestrations / 4), concurrentSchedule: false, cancellationToken);
        await SequentialActivitiesScenario.RunCoreAsync(host, "warmup-sequence", Math.Max(50, sizes.SequentialActivities / 4), cancellationToken);
        await FanOutScenario.RunCoreAsync(host, "warmup-fanout", Math.Max(50, sizes.FanOutActivities / 4), cancellationToken);
        await EventRoundTripScenario.MeasureAsync(host, "warmup-event-", Math.Max(10, sizes.EventSamples / 10), cancellationToken);
        host.ProfileMark("warm-up");
        await host.PurgeFinishedAsync(cancellationToken);
        host.ProfileMark(null);
        Progress.Info($"warm-up done in {warmup.Elapsed.TotalSeconds:F2}s");

        // First after the warm-up: what the other scenarios leave behind in the process (pooled buffers, grown
        // collections) would otherwise be released during this one and read as negative growth.
        if (selected.HasFlag(Scenario.Idle))
        {
            await IdleMemoryScenario.RunAsync(host, sizes.IdleOrchestrations, report, cancellationToken);
            host.ProfileMark("idle");
            await host.PurgeFinishedAsync(cancellationToken);
            host.ProfileMark(null);
        }

        if (selected.HasFlag(Scenario.Hello))
        {
            await HelloSequenceScenario.RunAsync(host, sizes.HelloOrchestrations, report, cancellationToken);
            await host.PurgeFinishedAsync(cancellationToken);
            host.ProfileMark(null);
        }

        if (selected.HasFlag(Scenario.Sequential))
        {
            await SequentialActivitiesScenario.RunAsync(host, sizes.SequentialActivities, report, cancellationToken);
            host.ProfileMark("sequential");
            await host.PurgeFinishedAsync(cancellationToken);
            host.ProfileMark(null);
        }

        if (selected.HasFlag(Scenario.FanOut))
        {
            await FanOutScenario.RunAsync(host, sizes.FanOutActivities, report, cancellationToken);
            host.ProfileMark("fan-out");
            await host.PurgeFinishedAsync(cancellationToken);
            host.ProfileMark(null);
        }

        if (selected.HasFlag(Scenario.Events))
        {
            await EventRoundTripScenario.RunAsync(host, sizes.EventSamples, report, cancellationToken);
            host.ProfileMark("events");
            await host.PurgeFinishedAsync(cancellationToken);
            host.ProfileMark(null);
        }

        Progress.Info("stopping the host");
    }

    /// <summary>Engine figures divided by the raw commit rate, so that runs on different disks can be compared.</summary>
    private static void AddRatios(BenchmarkReport report)
    {
        if (!report.TryGet("sqliteCommitsPerSec", out double commits) || commits <= 0)
        {
            return;
        }

        double perKCommits = 1000 / commits;
        if (report.TryGet("helloSequence5PerSec", out double hello))
        {
            report.Add("helloSequence5PerKCommits", hello * perKCommits, 3);
        }

        if (report.TryGet("helloSequence5ConcurrentStartPerSec", out double helloConcurrent))
        {
            report.Add("helloSequence5ConcurrentStartPerKCommits", helloConcurrent * perKCommits, 3);
        }

        if (report.TryGet("sequentialActivitiesPerSec", out double sequential))
        {
            report.Add("sequentialActivitiesPerKCommits", sequential * perKCommits, 3);
        }

        if (report.TryGet("fanOutActivitiesPerSec", out double fanOut))
        {
            report.Add("fanOutActivitiesPerKCommits", fanOut * perKCommits, 3);
        }

        if (report.TryGet("fanOut1000Seconds", out double fanOutSeconds))
        {
            report.Add("fanOut1000SecondsInCommits", fanOutSeconds * commits, 0);
        }

        if (report.TryGet("eventRoundTripMsP50", out double p50))
        {
            report.Add("eventRoundTripP50InCommits", p50 / 1000 * commits, 1);
        }

        if (report.TryGet("eventRoundTripMsP99", out double p99))
        {
            report.Add("eventRoundTripP99InCommits", p99 / 1000 * commits, 1);
        }

        foreach (string figure in report.FigureNames.Where(n => n.StartsWith("dashboard", StringComparison.Ordinal) && n.EndsWith("Ms", StringComparison.Ordinal)).ToList())
        {
            report.TryGet(figure, out double ms);
            report.Add(figure[..^2] + "InCommits", ms / 1000 * commits, 1);
        }
    }
}
