using Azure.Data.Tables;
using Azure.Storage.Queues;
using DurableTask.AzureStorage;
using DurableTask.Core;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Worker;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Workflows.DurableTask.Client;
using Workflows.DurableTask.Hosting;
using Workflows.DurableTask.Tests.Infrastructure;

namespace Workflows.DurableTask.Tests.Hosting;

/// <summary>How the worker and the client are wired to the one orchestration service of a host, and when its task
/// hub is created.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class SharedServiceTests(AzuriteServer azurite)
{
    [Fact]
    public void Worker_and_client_of_a_host_share_one_orchestration_service()
    {
        string hub = AzuriteServer.NewTaskHubName("shared");
        HostApplicationBuilder builder = NewBuilder();
        builder.Services.AddDurableTaskWorker(b => b.UseAzureStorage(azurite.ConnectionString, s => s.TaskHubName = hub));
        builder.Services.AddDurableTaskClient(b => b.UseAzureStorage(azurite.ConnectionString, s => s.TaskHubName = hub));
        using IHost host = builder.Build();

        var client = Assert.IsType<OrchestrationServiceDurableTaskClient>(host.Services.GetRequiredService<DurableTaskClient>());
        IOrchestrationService service = host.Services.GetRequiredKeyedService<OrchestrationServiceHandle>(Microsoft.Extensions.Options.Options.DefaultName).Service;

        Assert.IsType<AzureStorageOrchestrationService>(service);
        Assert.Same(service, client.ServiceClient);
        Assert.Single(host.Services.GetServices<IHostedService>(), s => s.GetType().Name == "TaskHubStartupService");
        Assert.Single(host.Services.GetServices<IHostedService>(), s => s is Workflows.DurableTask.Worker.InProcessDurableTaskWorker);
    }

    [Fact]
    public async Task When_worker_and_client_are_given_different_settings_the_worker_settings_are_used()
    {
        string workerHub = AzuriteServer.NewTaskHubName("workerhub");
        string clientHub = AzuriteServer.NewTaskHubName("clienthub");
        HostApplicationBuilder builder = NewBuilder();
        builder.Services.AddDurableTaskWorker(b => b.UseAzureStorage(azurite.ConnectionString, s => (s.TaskHubName, s.PartitionCount) = (workerHub, 1)));
        builder.Services.AddDurableTaskClient(b => b.UseAzureStorage(azurite.ConnectionString, s => (s.TaskHubName, s.PartitionCount) = (clientHub, 1)));
        using IHost host = builder.Build();

        using var patience = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await host.StartAsync(patience.Token);

        var queues = new QueueServiceClient(azurite.ConnectionString);
        Assert.True((await queues.GetQueueClient($"{workerHub.ToLowerInvariant()}-workitems").ExistsAsync()).Value);
        Assert.False((await queues.GetQueueClient($"{clientHub.ToLowerInvariant()}-workitems").ExistsAsync()).Value);
        await host.StopAsync(patience.Token);
    }

    [Fact]
    public async Task Client_only_host_creates_the_task_hub_before_it_counts_as_started()
    {
        string hub = AzuriteServer.NewTaskHubName("clientonly");
        HostApplicationBuilder builder = NewBuilder();
        builder.Services.AddDurableTaskClient(b => b.UseAzureStorage(azurite.ConnectionString, s =>
        {
            s.TaskHubName = hub;
            s.PartitionCount = 1;
        }));
        using IHost host = builder.Build();
        var queues = new QueueServiceClient(azurite.ConnectionString);
        Assert.False((await queues.GetQueueClient($"{hub.ToLowerInvariant()}-workitems").ExistsAsync()).Value);

        using var patience = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await host.StartAsync(patience.Token);

        Assert.True((await queues.GetQueueClient($"{hub.ToLowerInvariant()}-workitems").ExistsAsync()).Value);
        Assert.True((await queues.GetQueueClient($"{hub.ToLowerInvariant()}-control-00").ExistsAsync()).Value);
        var tables = new TableServiceClient(azurite.ConnectionString);
        Assert.Single(tables.Query(t => t.Name == hub + "Instances"));
        DurableTaskClient client = host.Services.GetRequiredService<DurableTaskClient>();
        string id = await client.ScheduleNewOrchestrationInstanceAsync("NotRunHere");
        Assert.Equal(OrchestrationRuntimeStatus.Pending, (await client.GetInstanceAsync(id))!.RuntimeStatus);
        await host.StopAsync(patience.Token);
    }

    [Fact]
    public async Task Unreachable_store_stops_the_start_without_quoting_the_connection_string()
    {
        string unreachable = AzuriteServer.BuildConnectionString(FreePort(), FreePort(), FreePort());
        HostApplicationBuilder builder = NewBuilder();
        builder.Services.AddDurableTaskClient(b => b.UseAzureStorage(unreachable, s =>
        {
            s.TaskHubName = AzuriteServer.NewTaskHubName("dead");
            // No retries: the test is about the message, not the Azure SDK's patience (several seconds per request).
            s.StorageAccountClientProvider = new StorageAccountClientProvider(
                StorageServiceClientProvider.ForBlob(unreachable, new Azure.Storage.Blobs.BlobClientOptions { Retry = { MaxRetries = 0 } }),
                StorageServiceClientProvider.ForQueue(unreachable, new QueueClientOptions { Retry = { MaxRetries = 0 } }),
                StorageServiceClientProvider.ForTable(unreachable, new TableClientOptions { Retry = { MaxRetries = 0 } }));
        }));
        builder.Services.Configure<OrchestrationServiceStartupOptions>(Microsoft.Extensions.Options.Options.DefaultName, o => o.ConfigurationKey = "Values:DeadStore");
        using IHost host = builder.Build();
        using var patience = new CancellationTokenSource(TimeSpan.FromMinutes(2));

        StoreConfigurationException failure = await Assert.ThrowsAsync<StoreConfigurationException>(() => host.StartAsync(patience.Token));

        Assert.Contains("'Values:DeadStore'", failure.Message, StringComparison.Ordinal);
        Assert.Contains("no response: Connection refused", failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(AzuriteServer.AccountKey, failure.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("AccountKey", failure.Message, StringComparison.Ordinal);
    }

    internal static HostApplicationBuilder NewBuilder()
    {
        HostApplicationBuilder builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Services.AddLogging();
        return builder;
    }

    private static int FreePort()
    {
        var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        int port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
