using Microsoft.DurableTask;
using Microsoft.DurableTask.Worker;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Workflows.DurableTask.Queries;
using Workflows.DurableTask.Tests.Infrastructure;

namespace Workflows.DurableTask.Tests.AzureStorage;

/// <summary>One host (worker and client, <c>UseAzureStorage</c>) on a task hub of its own, seeded once for the query
/// tests: two completed <c>Alpha</c>, two running <c>Beta</c> waiting with a "Review" custom status, one failed
/// <c>gamma</c>, one <c>Alpha</c> whose start is an hour away (pending). Ids share a prefix and sort in creation order.</summary>
public sealed class AzureStorageQueryHub : IAsyncLifetime
{
    public const string Prefix = "qry-";

    private readonly SemaphoreSlim gate = new(1, 1);
    private IHost? host;

    /// <summary>The seeded ids, in creation order: completed 0-1, running 2-3, failed 4, pending 5.</summary>
    public IReadOnlyList<string> Ids { get; private set; } = [];

    public IServiceProvider Services => this.host?.Services ?? throw new InvalidOperationException("Call StartAsync first.");

    public IInstanceQueryPort Port => this.Services.GetRequiredService<IInstanceQueryPort>();

    public async Task StartAsync(AzuriteServer azurite)
    {
        await this.gate.WaitAsync();
        try
        {
            if (this.host is not null)
            {
                return;
            }

            AzuriteTaskHub hub = azurite.NewTaskHub("query");
            HostApplicationBuilder builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
            builder.Services.AddLogging();
            void Configure(global::DurableTask.AzureStorage.AzureStorageOrchestrationServiceSettings s)
            {
                s.TaskHubName = hub.TaskHubName;
                s.PartitionCount = 1;
            }

            builder.Services.AddDurableTaskWorker(b =>
            {
                b.AddTasks(Register);
                b.UseAzureStorage(hub.ConnectionString, Configure);
            });
            builder.Services.AddDurableTaskClient(b => b.UseAzureStorage(hub.ConnectionString, Configure));
            IHost started = builder.Build();
            using var patience = new CancellationTokenSource(TimeSpan.FromMinutes(2));
            await started.StartAsync(patience.Token);
            this.host = started;
            this.Ids = await SeedAsync(started.Services.GetRequiredService<DurableTaskClient>(), patience.Token);
        }
        finally
        {
            this.gate.Release();
        }
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (this.host is { } running)
        {
            using var patience = new CancellationTokenSource(TimeSpan.FromMinutes(1));
            await running.StopAsync(patience.Token);
            running.Dispose();
        }

        this.gate.Dispose();
    }

    private static void Register(DurableTaskRegistry tasks)
    {
        tasks.AddOrchestratorFunc<string, string>("Alpha", (_, input) => Task.FromResult($"done {input}"));
        tasks.AddOrchestratorFunc<string?, string>("Beta", async (context, _) =>
        {
            context.SetCustomStatus(new { stage = "Review" });
            return await context.WaitForExternalEvent<string>("Go");
        });
        tasks.AddOrchestratorFunc<string?, string>("gamma", (_, _) => Task.FromException<string>(new InvalidOperationException("refused")));
    }

    private static async Task<IReadOnlyList<string>> SeedAsync(DurableTaskClient client, CancellationToken cancellation)
    {
        string[] ids = [.. Enumerable.Range(0, 6).Select(i => $"{Prefix}{i}-{Guid.NewGuid():N}")];
        string[] names = ["Alpha", "Alpha", "Beta", "Beta", "gamma", "Alpha"];
        for (int i = 0; i < ids.Length; i++)
        {
            var options = new StartOrchestrationOptions(ids[i], i == 5 ? DateTimeOffset.UtcNow.AddHours(1) : null);
            await client.ScheduleNewOrchestrationInstanceAsync(names[i], $"in{i}", options, cancellation);
        }

        foreach (string id in ids[..2].Append(ids[4]))
        {
            await client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: false, cancellation);
        }

        foreach (string id in ids[2..4])
        {
            while ((await client.GetInstanceAsync(id, getInputsAndOutputs: true, cancellation))?.SerializedCustomStatus is null)
            {
                await Task.Delay(50, cancellation);
            }
        }

        return ids;
    }
}
