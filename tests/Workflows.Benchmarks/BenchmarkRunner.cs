using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using Workflows.Benchmarks.Providers;
using Workflows.Benchmarks.Scenarios;
using Workflows.Benchmarks.Selection;

namespace Workflows.Benchmarks;

/// <summary>Runs the selected scenarios in one process, provider after provider, in a new temporary folder that is
/// deleted at the end, and returns the report.</summary>
internal static class BenchmarkRunner
{
    /// <summary>A warm-up pass that compiles fewer methods than this leaves the JIT quiet enough to measure.</summary>
    private const int QuietJitMethods = 200;

    /// <summary>Warm-up passes at most, in a full run; the quick run makes one.</summary>
    private const int MaxWarmUpPasses = 4;

    public static async Task<(BenchmarkReport Report, bool Failed)> RunAsync(BenchmarkOptions options, CancellationToken cancellationToken)
    {
        (BenchmarkSizes sizes, BenchmarkSelection selected, bool quick, bool profile) = (options.Sizes, options.Selection, options.Quick, options.Profile);
        var report = new BenchmarkReport();
        bool failed = false;
        var total = Stopwatch.StartNew();
        string folder = Directory.CreateTempSubdirectory("workflows-bench-").FullName;
        double? load = MachineInfo.LoadAverage();
        CpuSnapshot cpuAtStart = CpuSnapshot.Take();
        Progress.Info($"temp folder {folder}; scenarios: {selected.Scenarios}; providers: {selected.Providers}; {(quick ? "quick" : "full")} sizes; load average {load}");

        BenchmarkProvider[] providers =
        [
            new SqliteProvider(Path.Combine(folder, "sqlite"), options.SqliteConcurrency, options.SqliteExtendedSessions),
            new InMemoryProvider(),
            new AzureStorageProvider(Path.Combine(folder, "azure")),
        ];
        try
        {
            // The baseline runs first, alone, while nothing else runs in the process.
            if (selected.Has(Scenario.Baseline))
            {
                SqliteCommitBaseline.Run(Directory.CreateDirectory(Path.Combine(folder, "baseline")).FullName, sizes.SqliteBaselineDuration, report.Run);
            }

            if (selected.RunsOnProviders)
            {
                foreach (BenchmarkProvider provider in providers.Where(p => selected.Has(p.Kind)))
                {
                    failed |= !await RunProviderAsync(provider, sizes, selected, profile, report.Section(provider.Key), cancellationToken);
                }
            }

            // Last, on a file of its own: its large store must not slow the provider scenarios.
            if (selected.Has(Scenario.Dashboard))
            {
                await DashboardQueriesScenario.RunAsync(Path.Combine(folder, "dashboard"), sizes.DashboardInstances, report.Section(BenchmarkReport.Dashboard), cancellationToken);
            }

            // Each on files of its own, after everything else for the same reason.
            if (selected.Has(Scenario.Scale))
            {
                failed |= !await SectionAsync("scale", report.Section(BenchmarkReport.Scale), () => WaitingAtScaleScenario.RunAsync(Path.Combine(folder, "scale"), quick, sizes.EventSamples, report.Section(BenchmarkReport.Scale), cancellationToken));
            }

            if (selected.Has(Scenario.Workers))
            {
                failed |= !await SectionAsync("workers", report.Section(BenchmarkReport.Workers), () => WorkerProcessesScenario.RunAsync(Path.Combine(folder, "workers"), quick, report.Section(BenchmarkReport.Workers), cancellationToken));
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

        string[] keys = [.. providers.Select(p => p.Key)];
        Ratios.Add(report, keys, InMemoryProvider.SectionKey);
        Targets.Add(report, SqliteProvider.SectionKey, keys.Where(k => k != SqliteProvider.SectionKey));
        Describe(report, sizes, quick, folder, load, cpuAtStart, total);
        return (report, failed);
    }

    /// <summary>Starts a host on the provider, warms it up, runs the selected scenarios and stops it; a failure is
    /// recorded in the provider's section and the run goes on with the next provider.</summary>
    private static async Task<bool> RunProviderAsync(BenchmarkProvider provider, BenchmarkSizes runSizes, BenchmarkSelection selected, bool profile, FigureSet section, CancellationToken cancellationToken)
    {
        BenchmarkSizes sizes = provider.Scale(runSizes);
        section.Add("sizes", sizes.Describe());
        if (provider.ScaleNote is { } note)
        {
            section.Add("scaledDown", note);
        }

        Progress.Info($"{provider.Key}: starting");
        var clock = Stopwatch.StartNew();
        try
        {
            await using (provider)
            {
                await provider.PrepareAsync(cancellationToken);
                await using BenchmarkHost host = await BenchmarkHost.StartAsync(provider, profile, cancellationToken);
                section.Add("settings", provider.DescribeSettings());
                await WarmUpAsync(host, sizes, section, cancellationToken);
                await host.PurgeFinishedAsync(cancellationToken);

                // Idle first after the warm-up: what the other scenarios leave behind in the process (pooled buffers,
                // grown collections) would otherwise be released during this one and read as negative growth.
                (Scenario Scenario, string Name, Func<Task> Run)[] steps =
                [
                    (Scenario.Idle, "idle", () => IdleMemoryScenario.RunAsync(host, sizes.IdleOrchestrations, sizes.IdleSettle, section, cancellationToken)),
                    (Scenario.Hello, "hello", () => HelloSequenceScenario.RunAsync(host, sizes.HelloOrchestrations, section, cancellationToken)),
                    (Scenario.Sequential, "sequential", () => SequentialActivitiesScenario.RunAsync(host, sizes.SequentialActivities, section, cancellationToken)),
                    (Scenario.FanOut, "fanout", () => FanOutScenario.RunAsync(host, sizes.FanOutActivities, section, cancellationToken)),
                    (Scenario.Events, "events", () => EventRoundTripScenario.RunAsync(host, sizes.EventSamples, section, cancellationToken)),
                ];
                foreach ((Scenario scenario, string name, Func<Task> run) in steps.Where(s => selected.Has(s.Scenario)))
                {
                    await StepAsync(host, section, name, run, cancellationToken);
                }

                Progress.Info($"{provider.Key}: stopping the host");
            }

            section.Add("providerSeconds", clock.Elapsed.TotalSeconds, 1);
            return true;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Progress.Info($"{provider.Key}: failed: {ex.GetType().Name}: {ex.Message}{(ex.InnerException is { } inner ? $" ({inner.GetType().Name}: {inner.Message})" : string.Empty)}");
            section.Add("error", $"{ex.GetType().Name}: {ex.Message}");
            return false;
        }
    }

    /// <summary>Runs a section's scenario; a failure is recorded in the section and the run goes on.</summary>
    private static async Task<bool> SectionAsync(string name, FigureSet section, Func<Task> run)
    {
        var clock = Stopwatch.StartNew();
        try
        {
            await run();
            section.Add("seconds", clock.Elapsed.TotalSeconds, 1);
            return true;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Progress.Info($"{name}: failed: {ex.GetType().Name}: {ex.Message}");
            section.Add("error", $"{ex.GetType().Name}: {ex.Message}");
            return false;
        }
    }

    /// <summary>Not measured: quarter-size passes over the paths (a tenth in the quick run), so that the measured code is
    /// JIT-compiled to its final tier and pools and caches are warm. Passes repeat until one compiles fewer than
    /// <see cref="QuietJitMethods"/> methods (at most <see cref="MaxWarmUpPasses"/>): with tiered compilation a first
    /// pass leaves the JIT's background thread recompiling hot methods for seconds, on the cores the measurement needs.</summary>
    private static async Task WarmUpAsync(BenchmarkHost host, BenchmarkSizes sizes, FigureSet section, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        int Share(int count) => Math.Max(2, (int)(count * sizes.WarmUpShare));
        int passes = 0;
        long compiled;
        do
        {
            long before = System.Runtime.JitInfo.GetCompiledMethodCount();
            await HelloSequenceScenario.RunCoreAsync(host, $"warmup{passes}-hello-", Share(sizes.HelloOrchestrations), concurrentSchedule: passes % 2 == 1, cancellationToken);
            await SequentialActivitiesScenario.RunCoreAsync(host, $"warmup{passes}-sequence", Share(sizes.SequentialActivities), cancellationToken);
            await FanOutScenario.RunCoreAsync(host, $"warmup{passes}-fanout", Share(sizes.FanOutActivities), cancellationToken);
            await EventRoundTripScenario.MeasureAsync(host, $"warmup{passes}-event-", Share(sizes.EventSamples / 4), viaWaitApi: false, cancellationToken);
            await host.PurgeFinishedAsync(cancellationToken);
            compiled = System.Runtime.JitInfo.GetCompiledMethodCount() - before;
            passes++;
            Progress.Info($"warm-up pass {passes}: {compiled} methods compiled");
        }
        while (compiled >= QuietJitMethods && passes < (sizes.WarmUpShare < 0.25 ? 1 : MaxWarmUpPasses));

        section.Add("warmUpPasses", passes);
        section.Add("warmUpLastPassJitMethods", compiled);
        section.Add("warmUpSeconds", clock.Elapsed.TotalSeconds, 1);
        Progress.Info($"warm-up done in {clock.Elapsed.TotalSeconds:F2}s");
    }

    /// <summary>Runs one scenario and records the CPU it used, this process's (seconds, and percent of all processors) and
    /// the others' (a busy machine makes figures low and noisy), and with <c>--profile</c> the service calls; then purges.</summary>
    private static async Task StepAsync(BenchmarkHost host, FigureSet section, string name, Func<Task> run, CancellationToken cancellationToken)
    {
        host.ProfileMark(null);
        CpuSnapshot start = CpuSnapshot.Take();
        await run();
        CpuSnapshot end = CpuSnapshot.Take();
        (double? machine, double own) = CpuSnapshot.Between(start, end);
        section.Child("cpu")[name] = new JsonObject
        {
            ["ownSeconds"] = Math.Round((end.Own - start.Own).TotalSeconds, 2),
            ["jitMethodsCompiled"] = end.JitMethods - start.JitMethods,
            ["ownPercent"] = Math.Round(own, 1),
            ["otherProcessesPercent"] = machine is { } busy ? Math.Round(Math.Max(0, busy - own), 1) : null,
        };
        if (host.ProfileMark(name) is { } calls)
        {
            section.Child("profile")[name] = calls;
        }

        await host.PurgeFinishedAsync(cancellationToken);
    }

    private static void Describe(BenchmarkReport report, BenchmarkSizes sizes, bool quick, string folder, double? load, CpuSnapshot cpuAtStart, Stopwatch total)
    {
        report.Run.Add("notMeasured", new JsonArray(
            "the dashboard's HTML pages themselves: the query port's queries behind them are measured (dashboard, scale), the rendering is not",
            "worker processes on Azure Storage: the workers scenario runs on SQLite only"));
        (double? machineBusy, double own) = CpuSnapshot.Between(cpuAtStart, CpuSnapshot.Take());
        report.Run.Add("totalSeconds", total.Elapsed.TotalSeconds, 1);
        report.Run.Add("quick", JsonValue.Create(quick));
        JsonObject described = sizes.Describe();
        described["sqliteBaselineSeconds"] = sizes.SqliteBaselineDuration.TotalSeconds;
        described["dashboardInstances"] = sizes.DashboardInstances;
        report.Run.Add("sizes", described);
        JsonObject machine = MachineInfo.Describe(folder, load);
        machine["machineCpuBusyPercent"] = machineBusy is { } b ? Math.Round(b, 1) : null;
        machine["ownCpuPercent"] = Math.Round(own, 1);
        machine["otherProcessesCpuPercent"] = machineBusy is { } busy ? Math.Round(Math.Max(0, busy - own), 1) : null;
        report.Run.Add("machine", machine);
        report.Run.Add("engine", EngineVersion.Describe());
        if (machineBusy - own > 10)
        {
            Progress.Info($"warning: other processes used about {machineBusy - own:F0}% of the machine during the run; the figures are low and noisy");
        }

        report.Run.Add("measuredAtUtc", DateTimeOffset.UtcNow.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture));
    }
}
