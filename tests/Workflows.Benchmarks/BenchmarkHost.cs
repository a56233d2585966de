using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Workflows.Benchmarks.Profiling;
using Workflows.Durable.Client;
using Workflows.Durable.Storage.Sqlite;
using Workflows.Durable.Worker;

namespace Workflows.Benchmarks;

/// <summary>A host with the engine's worker and client on one SQLite file, with the engine's default settings.</summary>
internal sealed class BenchmarkHost : IAsyncDisposable
{
    private readonly IHost host;
    private readonly ProfilingOrchestrationStore? profiler;
    private readonly Stopwatch sinceMark = Stopwatch.StartNew();

    private BenchmarkHost(IHost host, ProfilingOrchestrationStore? profiler)
    {
        this.host = host;
        this.profiler = profiler;
        this.Client = host.Services.GetRequiredService<DurableTaskClient>();
    }

    public DurableTaskClient Client { get; }

    /// <summary>Starts the host; with <paramref name="profile"/> the worker and client share a store wrapped in
    /// <see cref="ProfilingOrchestrationStore"/> instead of the one UseSqlite makes.</summary>
    public static async Task<BenchmarkHost> StartAsync(string databasePath, bool profile, CancellationToken cancellationToken)
    {
        HostApplicationBuilder builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());

        // Engine warnings and errors go to stderr; stdout is kept for the JSON result.
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Logging.AddSimpleConsole(o => o.SingleLine = true);
        builder.Services.Configure<Microsoft.Extensions.Logging.Console.ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = LogLevel.Trace);

        string connection = $"Data Source={databasePath}";
        builder.Services.AddDurableTaskWorker(b =>
        {
            b.AddTasks(BenchmarkTasks.Register).UseSqlite(connection);
            b.Configure(o => o.DrainTimeout = TimeSpan.FromSeconds(5));
        });
        builder.Services.AddDurableTaskClient(b => b.UseSqlite(connection));
        ProfilingOrchestrationStore? profiler = null;
        if (profile)
        {
            profiler = new ProfilingOrchestrationStore(new SqliteOrchestrationStore(new SqliteStoreOptions { ConnectionString = connection }));
            builder.Services.Configure<DurableTaskWorkerOptions>(o => o.StoreFactory = _ => profiler);
            builder.Services.Configure<DurableTaskClientOptions>(o => o.StoreFactory = _ => profiler);
        }

        IHost host = builder.Build();
        await host.StartAsync(cancellationToken);
        return new BenchmarkHost(host, profiler);
    }

    /// <summary>With <c>--profile</c>, writes the store calls since the last mark to stderr (or just starts afresh
    /// when <paramref name="title"/> is null).</summary>
    public void ProfileMark(string? title)
    {
        if (this.profiler is not null)
        {
            string summary = this.profiler.TakeSummary(title ?? string.Empty, this.sinceMark.Elapsed.TotalSeconds);
            if (title is not null)
            {
                Progress.Info(summary);
            }
        }

        this.sinceMark.Restart();
    }

    /// <summary>Waits for an instance to finish and fails the run unless it completed.</summary>
    public async Task<OrchestrationMetadata> WaitCompletedAsync(string instanceId, CancellationToken cancellationToken, bool withOutput = false)
    {
        OrchestrationMetadata metadata = await this.Client.WaitForInstanceCompletionAsync(instanceId, withOutput, cancellationToken);
        if (metadata.RuntimeStatus != OrchestrationRuntimeStatus.Completed)
        {
            throw new InvalidOperationException(
                $"Instance {instanceId} ended {metadata.RuntimeStatus}: {metadata.FailureDetails?.ErrorType} {metadata.FailureDetails?.ErrorMessage}");
        }

        return metadata;
    }

    /// <summary>Waits for an instance to leave Pending and fails the run unless it is Running.</summary>
    public async Task WaitRunningAsync(string instanceId, CancellationToken cancellationToken)
    {
        OrchestrationMetadata metadata = await this.Client.WaitForInstanceStartAsync(instanceId, false, cancellationToken);
        if (metadata.RuntimeStatus != OrchestrationRuntimeStatus.Running)
        {
            throw new InvalidOperationException(
                $"Instance {instanceId} is {metadata.RuntimeStatus} instead of Running: {metadata.FailureDetails?.ErrorType} {metadata.FailureDetails?.ErrorMessage}");
        }
    }

    /// <summary>Purges finished instances between scenarios, so that each starts on small tables.</summary>
    public async Task PurgeFinishedAsync(CancellationToken cancellationToken)
    {
        PurgeResult result = await this.Client.PurgeAllInstancesAsync(new PurgeInstancesFilter(), cancellationToken);
        Progress.Info($"purged {result.PurgedInstanceCount} finished instances");
    }

    public async ValueTask DisposeAsync()
    {
        await this.host.StopAsync(CancellationToken.None);
        this.host.Dispose();
        this.profiler?.Dispose();
    }
}
