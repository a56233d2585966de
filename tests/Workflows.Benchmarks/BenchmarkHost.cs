using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using DurableTask.Core;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Worker;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Workflows.Benchmarks.Profiling;
using Workflows.Benchmarks.Providers;
using Workflows.DurableTask.Hosting;

namespace Workflows.Benchmarks;

/// <summary>A host with the in-process worker (DurableTask.Core's TaskHubWorker) and client on one provider's service,
/// as the app runs them.</summary>
internal sealed class BenchmarkHost : IAsyncDisposable
{
    private readonly IHost host;
    private readonly Stopwatch sinceMark = Stopwatch.StartNew();
    private readonly StrongBox<ProfilingProxy?> profiler;

    private BenchmarkHost(IHost host, TimeSpan pollInterval, StrongBox<ProfilingProxy?> profiler)
    {
        this.host = host;
        this.profiler = profiler;
        this.PollInterval = pollInterval;
        this.Client = host.Services.GetRequiredService<DurableTaskClient>();
    }

    public DurableTaskClient Client { get; }

    /// <summary>How often the scenarios look at an instance they wait for.</summary>
    public TimeSpan PollInterval { get; }

    /// <summary>Starts the host; with <paramref name="profile"/> the worker and client share the service through a
    /// <see cref="ProfilingProxy"/>.</summary>
    public static async Task<BenchmarkHost> StartAsync(BenchmarkProvider provider, bool profile, CancellationToken cancellationToken)
    {
        HostApplicationBuilder builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());

        // Warnings and errors go to stderr; stdout is kept for the JSON result.
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Logging.AddSimpleConsole(o => o.SingleLine = true);
        builder.Services.Configure<Microsoft.Extensions.Logging.Console.ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(15));

        var made = new StrongBox<ProfilingProxy?>();
        IOrchestrationService Create(IServiceProvider services)
        {
            IOrchestrationService service = provider.Create(services);
            if (!profile)
            {
                return service;
            }

            IProfiledOrchestrationService proxy = ProfilingProxy.Wrap(service, out ProfilingProxy profiler);
            made.Value = profiler;
            return proxy;
        }

        builder.Services.AddDurableTaskWorker(b => b.AddTasks(BenchmarkTasks.Register).UseOrchestrationService(Create));
        builder.Services.AddDurableTaskClient(b => b.UseOrchestrationService(Create));
        IHost host = builder.Build();
        var started = new BenchmarkHost(host, provider.PollInterval, made);
        await host.StartAsync(cancellationToken);
        return started;
    }

    /// <summary>With <c>--profile</c>, writes the service calls since the last mark to stderr and returns them (or just
    /// starts afresh when <paramref name="title"/> is null).</summary>
    public JsonObject? ProfileMark(string? title)
    {
        JsonObject? json = null;
        if (this.profiler.Value is { } calls)
        {
            (json, string text) = calls.TakeSummary(title ?? string.Empty, this.sinceMark.Elapsed.TotalSeconds);
            if (title is not null)
            {
                Progress.Info(text);
            }
        }

        this.sinceMark.Restart();
        return title is null ? null : json;
    }

    /// <summary>Polls the instance every <see cref="PollInterval"/> until <paramref name="done"/> holds. The client's own
    /// waits back off to a second between polls, which would blur a sub-second figure.</summary>
    public async Task<OrchestrationMetadata> WaitForAsync(string instanceId, Func<OrchestrationMetadata, bool> done, bool withOutput, CancellationToken cancellationToken)
    {
        while (true)
        {
            OrchestrationMetadata? metadata = await this.Client.GetInstanceAsync(instanceId, withOutput, cancellationToken);
            if (metadata is not null && done(metadata))
            {
                return metadata;
            }

            if (metadata is { IsCompleted: true })
            {
                throw new InvalidOperationException(
                    $"Instance {instanceId} ended {metadata.RuntimeStatus}: {metadata.FailureDetails?.ErrorType} {metadata.FailureDetails?.ErrorMessage}");
            }

            await Task.Delay(this.PollInterval, cancellationToken);
        }
    }

    /// <summary>Waits for an instance to complete and fails the run if it ends otherwise.</summary>
    public Task<OrchestrationMetadata> WaitCompletedAsync(string instanceId, CancellationToken cancellationToken, bool withOutput = false) =>
        this.WaitForAsync(instanceId, m => m.RuntimeStatus == OrchestrationRuntimeStatus.Completed, withOutput, cancellationToken);

    /// <summary>Waits for an instance to run with <paramref name="customStatus"/> set by its first episode.</summary>
    public Task WaitRunningAsync(string instanceId, string customStatus, CancellationToken cancellationToken) =>
        this.WaitForAsync(
            instanceId,
            m => m.RuntimeStatus == OrchestrationRuntimeStatus.Running && m.SerializedCustomStatus is not null && m.ReadCustomStatusAs<string>() == customStatus,
            withOutput: true,
            cancellationToken);

    /// <summary>Purges finished instances between scenarios, so that each starts on small tables.</summary>
    public async Task PurgeFinishedAsync(CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        Microsoft.DurableTask.Client.PurgeResult result = await this.Client.PurgeAllInstancesAsync(new PurgeInstancesFilter(), cancellation: cancellationToken);
        Progress.Info($"purged {result.PurgedInstanceCount} finished instances in {clock.Elapsed.TotalSeconds:F2}s");
    }

    public async ValueTask DisposeAsync()
    {
        await this.host.StopAsync(CancellationToken.None);
        this.host.Dispose();
    }
}
