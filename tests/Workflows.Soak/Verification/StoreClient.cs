using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Workflows.DurableTask;
using Workflows.DurableTask.Sqlite;

namespace Workflows.Soak.Verification;

/// <summary>A Durable Task client of the soak's own on the store the hosts share (no worker), for what the HTTP API does
/// not give: DurableTask.Core's histories with their event ids, and cheap counts of live instances.</summary>
public sealed class StoreClient : IAsyncDisposable
{
    /// <summary>The task hub of the root host.json, which the hosts run with.</summary>
    public const string TaskHub = "Workflows";

    private readonly IHost host;

    private StoreClient(IHost host)
    {
        this.host = host;
        this.Client = host.Services.GetRequiredService<DurableTaskClient>();
    }

    /// <summary>The client.</summary>
    public DurableTaskClient Client { get; }

    /// <summary>A client on the SQLite file or the Azure Storage account <paramref name="connectionString"/> names.</summary>
    public static async Task<StoreClient> StartAsync(SoakProvider provider, string connectionString, CancellationToken cancellationToken)
    {
        HostApplicationBuilder builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddDurableTaskClient(b =>
        {
            if (provider == SoakProvider.Sqlite)
            {
                b.UseSqlite(connectionString, s => s.TaskHubName = TaskHub);
            }
            else
            {
                b.UseAzureStorage(connectionString, s => s.TaskHubName = TaskHub);
            }
        });
        IHost host = builder.Build();
        await host.StartAsync(cancellationToken);
        return new StoreClient(host);
    }

    /// <summary>How many instances are Pending, Running or Suspended.</summary>
    public async Task<int> CountLiveAsync(CancellationToken cancellationToken)
    {
        int live = 0;
        var query = new OrchestrationQuery { Statuses = [OrchestrationRuntimeStatus.Pending, OrchestrationRuntimeStatus.Running, OrchestrationRuntimeStatus.Suspended], PageSize = 1000 };
        await foreach (OrchestrationMetadata _ in this.Client.GetAllInstancesAsync(query).WithCancellation(cancellationToken))
        {
            live++;
        }

        return live;
    }

    /// <summary>Every instance, with inputs and outputs, by id.</summary>
    public async Task<Dictionary<string, OrchestrationMetadata>> AllAsync(CancellationToken cancellationToken)
    {
        var all = new Dictionary<string, OrchestrationMetadata>(StringComparer.Ordinal);
        await foreach (OrchestrationMetadata instance in this.Client.GetAllInstancesAsync(new OrchestrationQuery { PageSize = 1000, FetchInputsAndOutputs = true }).WithCancellation(cancellationToken))
        {
            all[instance.InstanceId] = instance;
        }

        return all;
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        await this.host.StopAsync();
        this.host.Dispose();
    }
}
