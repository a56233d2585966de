using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Workflows.Durable.Client;
using Workflows.Durable.CrashHost;
using Xunit.Abstractions;

namespace Workflows.Durable.CrashTests.Infrastructure;

/// <summary>A temporary folder with the store and side-effect files, the crash host processes started on them, and a
/// client-only host in the test process (no worker) to read results through <see cref="DurableTaskClient"/>.</summary>
/// <remarks>Disposing kills every process it started, each by its own id, and deletes the folder.</remarks>
public sealed class CrashWorkspace : IAsyncDisposable
{
    private readonly ITestOutputHelper output;
    private readonly double lockSeconds;
    private readonly List<CrashHostProcess> processes = new();
    private readonly System.Diagnostics.Stopwatch clock = System.Diagnostics.Stopwatch.StartNew();
    private IHost? clientHost;

    public CrashWorkspace(ITestOutputHelper output, double lockSeconds)
    {
        this.output = output;
        this.lockSeconds = lockSeconds;
        this.Folder = Directory.CreateTempSubdirectory("durable-crash-").FullName;
        this.StorePath = Path.Combine(this.Folder, "store.db");
        this.EffectsPath = Path.Combine(this.Folder, "side-effects.db");
    }

    public string Folder { get; }

    public string StorePath { get; }

    public string EffectsPath { get; }

    /// <summary>A client on the store, in a host of this process that runs no worker.</summary>
    public DurableTaskClient Client => (this.clientHost ??= this.BuildClientHost()).Services.GetRequiredService<DurableTaskClient>();

    /// <summary>Writes a line to the test output, with the time since the workspace was made.</summary>
    public void Log(string message) =>
        this.output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"[{this.clock.Elapsed.TotalSeconds,7:0.00}s] {message}"));

    /// <summary>Starts a worker process on the store; it runs until killed (and ends by itself if this test process
    /// dies, or after five minutes).</summary>
    public CrashHostProcess StartWorker(string name) =>
        this.Track(CrashHostProcess.Start(
            name,
            this.StorePath,
            this.EffectsPath,
            "work",
            "--lock-seconds",
            this.lockSeconds.ToString(CultureInfo.InvariantCulture),
            "--parent-pid",
            Environment.ProcessId.ToString(CultureInfo.InvariantCulture),
            "--max-seconds",
            "300"));

    /// <summary>Runs a mode of the host program that exits by itself (seed, events) and checks that it succeeded.</summary>
    public async Task RunToExitAsync(string mode, int count)
    {
        using CrashHostProcess process = this.Track(CrashHostProcess.Start(
            mode,
            this.StorePath,
            this.EffectsPath,
            mode,
            count.ToString(CultureInfo.InvariantCulture),
            "--parent-pid",
            Environment.ProcessId.ToString(CultureInfo.InvariantCulture)));
        int exitCode = await process.WaitForExitAsync(TimeSpan.FromSeconds(60));
        if (exitCode != 0)
        {
            throw new InvalidOperationException($"'{mode} {count}' exited with {exitCode}.\n{process.Output}");
        }

        this.Log($"{mode} {count}: done (pid {process.Id})");
    }

    /// <summary>Counts the workload's top-level instances by status.</summary>
    public async Task<Dictionary<OrchestrationRuntimeStatus, int>> CountByStatusAsync()
    {
        var counts = new Dictionary<OrchestrationRuntimeStatus, int>();
        await foreach (OrchestrationMetadata instance in this.Client.GetAllInstancesAsync(new OrchestrationQuery(InstanceIdPrefix: "crash-", PageSize: 1000)))
        {
            counts[instance.RuntimeStatus] = counts.GetValueOrDefault(instance.RuntimeStatus) + 1;
        }

        return counts;
    }

    /// <summary>Waits until all <paramref name="count"/> top-level instances are Completed; fails early when one
    /// fails or a worker process dies.</summary>
    public async Task WaitForAllCompletedAsync(int count, TimeSpan timeout, params CrashHostProcess[] workers)
    {
        DateTime deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            Dictionary<OrchestrationRuntimeStatus, int> counts = await this.CountByStatusAsync();
            if (counts.GetValueOrDefault(OrchestrationRuntimeStatus.Completed) == count)
            {
                return;
            }

            string summary = Describe(counts);
            if (counts.GetValueOrDefault(OrchestrationRuntimeStatus.Failed) > 0 || counts.GetValueOrDefault(OrchestrationRuntimeStatus.Terminated) > 0)
            {
                throw new InvalidOperationException($"Instances ended other than Completed: {summary}\n{await this.DescribeUnfinishedAsync()}\n{this.Outputs()}");
            }

            if (workers.FirstOrDefault(w => w.HasExited) is { } dead)
            {
                throw new InvalidOperationException($"{dead.Name} exited while the workload ran: {summary}\n{this.Outputs()}");
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException(
                    $"Not all {count} instances completed within {timeout.TotalSeconds:0} s: {summary}\n{await this.DescribeUnfinishedAsync()}\n{this.Outputs()}");
            }

            await Task.Delay(250);
        }
    }

    /// <summary>The instances not yet Completed, with their last history events.</summary>
    public async Task<string> DescribeUnfinishedAsync()
    {
        var lines = new List<string>();
        await foreach (OrchestrationMetadata instance in this.Client.GetAllInstancesAsync(new OrchestrationQuery(PageSize: 1000)))
        {
            if (instance.RuntimeStatus != OrchestrationRuntimeStatus.Completed && lines.Count < 20)
            {
                IList<HistoryEvent> history = await this.Client.GetOrchestrationHistoryAsync(instance.InstanceId);
                lines.Add($"{instance.InstanceId} {instance.RuntimeStatus} {instance.FailureDetails}: {string.Join(", ", history.TakeLast(6))}");
            }
        }

        return string.Join('\n', lines);
    }

    /// <summary>The output of every process started, for failure messages.</summary>
    public string Outputs() => string.Join('\n', this.processes.Select(p => p.Output));

    public static string Describe(Dictionary<OrchestrationRuntimeStatus, int> counts) =>
        counts.Count == 0 ? "(none)" : string.Join(", ", counts.OrderBy(c => c.Key).Select(c => $"{c.Key}={c.Value}"));

    public async ValueTask DisposeAsync()
    {
        foreach (CrashHostProcess process in this.processes)
        {
            process.Dispose();
        }

        if (this.clientHost is not null)
        {
            await this.clientHost.StopAsync();
            this.clientHost.Dispose();
        }

        SqliteConnection.ClearAllPools();
        for (int attempt = 0; ; attempt++)
        {
            try
            {
                Directory.Delete(this.Folder, recursive: true);
                return;
            }
            catch (IOException) when (attempt < 5)
            {
                await Task.Delay(200);
            }
            catch (IOException)
            {
                return;
            }
        }
    }

    private CrashHostProcess Track(CrashHostProcess process)
    {
        this.processes.Add(process);
        return process;
    }

    private IHost BuildClientHost()
    {
        HostApplicationBuilder builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddDurableTaskClient(b => b.UseSqlite($"Data Source={this.StorePath}"));
        return builder.Build();
    }
}
