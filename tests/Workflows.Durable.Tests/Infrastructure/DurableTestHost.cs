using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Workflows.Durable.Client;
using Workflows.Durable.Worker;

namespace Workflows.Durable.Tests.Infrastructure;

/// <summary>A real host with the engine's worker and client on a fresh SQLite file in a temporary folder.</summary>
public sealed class DurableTestHost : IAsyncDisposable
{
    private readonly IHost host;
    private readonly bool ownsFolder;

    private DurableTestHost(IHost host, string folder, string databasePath, FakeTimeProvider? clock, bool ownsFolder)
    {
        this.host = host;
        this.Folder = folder;
        this.DatabasePath = databasePath;
        this.Clock = clock;
        this.ownsFolder = ownsFolder;
        this.Client = host.Services.GetRequiredService<DurableTaskClient>();
    }

    public DurableTaskClient Client { get; }

    public FakeTimeProvider? Clock { get; }

    public string Folder { get; }

    public string DatabasePath { get; }

    public IServiceProvider Services => this.host.Services;

    public static Task<DurableTestHost> StartAsync(
        Action<DurableTaskRegistry> tasks,
        bool fakeClock = false,
        Action<DurableTaskWorkerOptions>? worker = null,
        Action<IServiceCollection>? services = null,
        string? databasePath = null)
    {
        bool ownsFolder = databasePath is null;
        string folder = databasePath is null
            ? Directory.CreateTempSubdirectory("durable-tests-").FullName
            : Path.GetDirectoryName(databasePath)!;
        string path = databasePath ?? Path.Combine(folder, "store.db");
        FakeTimeProvider? clock = fakeClock ? new FakeTimeProvider(new DateTimeOffset(2026, 1, 5, 9, 0, 0, TimeSpan.Zero)) : null;
        HostApplicationBuilder builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        if (clock is not null)
        {
            builder.Services.AddSingleton<TimeProvider>(clock);
        }

        string connection = $"Data Source={path}";
        builder.Services.AddDurableTaskWorker(b =>
        {
            b.AddTasks(tasks).UseSqlite(connection);
            b.Configure(o =>
            {
                o.DrainTimeout = TimeSpan.FromSeconds(2);

                // The test command runs the orchestration tests a second time with sessions off, so that every
                // scenario is also proven under full replay.
                if (Environment.GetEnvironmentVariable("DURABLE_TESTS_EXTENDED_SESSIONS") == "false")
                {
                    o.ExtendedSessionsEnabled = false;
                }

                worker?.Invoke(o);
            });
        });
        builder.Services.AddDurableTaskClient(b => b.UseSqlite(connection));
        services?.Invoke(builder.Services);
        IHost host = builder.Build();
        return StartCoreAsync(host, folder, path, clock, ownsFolder);
    }

    public async Task<OrchestrationMetadata> RunAsync(string orchestrator, object? input = null, string? instanceId = null)
    {
        string id = await this.Client.ScheduleNewOrchestrationInstanceAsync(orchestrator, input, new StartOrchestrationOptions(instanceId));
        return await this.WaitAsync(id);
    }

    public async Task<OrchestrationMetadata> WaitAsync(string instanceId, int seconds = 30)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(seconds));
        return await this.Client.WaitForInstanceCompletionAsync(instanceId, getInputsAndOutputs: true, timeout.Token);
    }

    /// <summary>Polls until a condition holds; fails the test after the timeout.</summary>
    public static async Task Eventually(Func<Task<bool>> condition, string what, int seconds = 30)
    {
        DateTime deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Timed out waiting for: {what}");
            }

            await Task.Delay(10);
        }
    }

    /// <summary>Waits until the instance's history holds at least <paramref name="count"/> events of a type.</summary>
    public Task WaitForHistoryAsync(string instanceId, HistoryEventType type, int count = 1) =>
        Eventually(
            async () => (await this.Client.GetOrchestrationHistoryAsync(instanceId)).Count(e => e.EventType == type) >= count,
            $"{count} x {type} in {instanceId}");

    public async ValueTask DisposeAsync()
    {
        await this.host.StopAsync();
        this.host.Dispose();
        if (this.ownsFolder)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try
            {
                Directory.Delete(this.Folder, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }

    private static async Task<DurableTestHost> StartCoreAsync(IHost host, string folder, string path, FakeTimeProvider? clock, bool ownsFolder)
    {
        await host.StartAsync();
        return new DurableTestHost(host, folder, path, clock, ownsFolder);
    }
}
