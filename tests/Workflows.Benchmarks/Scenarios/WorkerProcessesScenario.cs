using System.Diagnostics;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Workflows.Benchmarks.Workers;
using Workflows.DurableTask.Client;
using Workflows.DurableTask.Queries;
using Workflows.DurableTask.Sqlite;

namespace Workflows.Benchmarks.Scenarios;

/// <summary>One, two and four worker processes on one SQLite file (the provider's way past one process): this process
/// only schedules HelloCities5 orchestrations (all at once, as many HTTP starts would) through a client on the file and
/// counts completions; the workers, started fresh for each pass on a new file, do the work. Throughput of each pass is
/// also given as a ratio to one process.</summary>
internal static class WorkerProcessesScenario
{
    private static readonly int[] Counts = [1, 2, 4];

    public static int Orchestrations(bool quick) => quick ? 80 : 2_000;

    public static async Task RunAsync(string folder, bool quick, FigureSet figures, CancellationToken cancellationToken)
    {
        int orchestrations = Orchestrations(quick);
        double? one = null;
        foreach (int workers in Counts)
        {
            string path = Path.Combine(Directory.CreateDirectory(Path.Combine(folder, $"workers-{workers}")).FullName, "provider.db");
            double perSec = await PassAsync(path, workers, orchestrations, cancellationToken);
            one ??= perSec;
            figures.Add($"workers{workers}HelloSequence5PerSec", perSec, 1);
            figures.Add($"workers{workers}VsOneProcess", perSec / one.Value, 2);
            Progress.Info($"workers: {workers} process(es), {orchestrations} orchestrations = {perSec:F1}/s ({perSec / one.Value:F2}x one process)");
        }

        figures.Add("workersOrchestrationsPerPass", orchestrations);
        figures.Add("workersProcessorCount", Environment.ProcessorCount);
    }

    private static async Task<double> PassAsync(string path, int workers, int orchestrations, CancellationToken cancellationToken)
    {
        using var service = new SqliteOrchestrationService(new SqliteOrchestrationServiceSettings { ConnectionString = $"Data Source={path}" });
        await service.CreateIfNotExistsAsync();
        var started = new List<WorkerProcess>();
        try
        {
            started.AddRange(await Task.WhenAll(Enumerable.Range(0, workers).Select(_ => WorkerProcess.StartAsync(path, cancellationToken))));
            await using var client = new OrchestrationServiceDurableTaskClient("workers", service);
            IInstanceQueryPort port = service;

            // A small unmeasured pass, so every worker has JIT-compiled its paths.
            await RunAsync(client, port, "warmup-", Math.Max(workers * 4, orchestrations / 10), cancellationToken);
            var clock = Stopwatch.StartNew();
            await RunAsync(client, port, "hello-", orchestrations, cancellationToken);
            return orchestrations / clock.Elapsed.TotalSeconds;
        }
        finally
        {
            foreach (WorkerProcess worker in started)
            {
                await worker.DisposeAsync();
            }

            SqliteConnection.ClearAllPools();
        }
    }

    private static async Task RunAsync(DurableTaskClient client, IInstanceQueryPort port, string prefix, int count, CancellationToken cancellationToken)
    {
        await Task.WhenAll(Enumerable.Range(0, count).Select(i => client.ScheduleNewOrchestrationInstanceAsync(
            BenchmarkTasks.HelloCities5, new StartOrchestrationOptions(prefix + i.ToString("D6", CultureInfo.InvariantCulture)), cancellationToken)));
        var query = new InstanceQuery { InstanceIdPrefix = prefix };
        while (true)
        {
            IReadOnlyDictionary<OrchestrationRuntimeStatus, long> counts = await port.CountInstancesAsync(query, cancellationToken);
            if (counts.GetValueOrDefault(OrchestrationRuntimeStatus.Completed) >= count)
            {
                return;
            }

            if (counts.Keys.Any(s => s is OrchestrationRuntimeStatus.Failed or OrchestrationRuntimeStatus.Terminated))
            {
                throw new InvalidOperationException($"Orchestrations failed: {string.Join(", ", counts.Select(c => $"{c.Key}={c.Value}"))}");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(20), cancellationToken);
        }
    }
}
