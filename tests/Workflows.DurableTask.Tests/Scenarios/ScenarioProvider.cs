using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Worker;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Workflows.DurableTask.Tests.Scenarios;

/// <summary>A store the scenarios run on: how to point a worker and a client at it, and a fresh, isolated store (task
/// hub, database file) for each test class. A provider is a class fixture, so its host (worker and client) is started
/// once per test class and stopped after it.</summary>
public abstract class ScenarioProvider : IAsyncLifetime
{
    private readonly SemaphoreSlim gate = new(1, 1);
    private IHost? host;

    /// <summary>How much earlier than asked a timer or scheduled start may fire: Azure Storage's queue visibility is in
    /// whole seconds, rounded down.</summary>
    public virtual TimeSpan TimerGranularity => TimeSpan.Zero;

    /// <summary>Points the worker at this class's store.</summary>
    public abstract void ConfigureWorker(IDurableTaskWorkerBuilder builder);

    /// <summary>Points the client at this class's store.</summary>
    public abstract void ConfigureClient(IDurableTaskClientBuilder builder);

    /// <summary>Makes this class's isolated store (called once, before the host starts).</summary>
    protected abstract Task IsolateAsync();

    /// <summary>The client of the running host, starting it the first time with <paramref name="tasks"/>.</summary>
    public async Task<DurableTaskClient> StartAsync(Action<DurableTaskRegistry> tasks)
    {
        await this.gate.WaitAsync();
        try
        {
            if (this.host is null)
            {
                await this.IsolateAsync();
                IHost started = this.BuildHost(tasks);
                using var patience = new CancellationTokenSource(TimeSpan.FromMinutes(2));
                await started.StartAsync(patience.Token);
                this.host = started;
            }

            return this.host.Services.GetRequiredService<DurableTaskClient>();
        }
        finally
        {
            this.gate.Release();
        }
    }

    /// <summary>A host with a worker (running <paramref name="tasks"/>) and a client on this provider's store.</summary>
    public IHost BuildHost(Action<DurableTaskRegistry> tasks)
    {
        HostApplicationBuilder builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Services.AddLogging();
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(30));
        builder.Services.AddDurableTaskWorker(b =>
        {
            b.AddTasks(tasks);
            this.ConfigureWorker(b);
        });
        builder.Services.AddDurableTaskClient(this.ConfigureClient);
        return builder.Build();
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public virtual async Task DisposeAsync()
    {
        if (this.host is { } running)
        {
            using var patience = new CancellationTokenSource(TimeSpan.FromMinutes(1));
            await running.StopAsync(patience.Token);
            running.Dispose();
        }

        this.gate.Dispose();
    }
}
