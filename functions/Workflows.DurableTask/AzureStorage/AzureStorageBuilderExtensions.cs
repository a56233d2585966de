using DurableTask.AzureStorage;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Worker;
using DurableTask.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Workflows.DurableTask.AzureStorage;
using Workflows.DurableTask.Hosting;
using Workflows.DurableTask.Queries;

namespace Workflows.DurableTask;

/// <summary>Azure Storage (DurableTask.AzureStorage) as the store of a worker and a client, in this process. The
/// default-named builders also register the hub's <see cref="AzureStorageInstanceQueryPort"/> as the host's
/// <see cref="IInstanceQueryPort"/>, for dashboards.</summary>
public static class AzureStorageBuilderExtensions
{
    /// <summary>Runs the worker on Azure Storage. The worker and the client of the same name share one
    /// <see cref="AzureStorageOrchestrationService"/>; the task hub is created when the host starts.</summary>
    /// <param name="builder">The worker's builder.</param>
    /// <param name="connectionString">An Azure Storage connection string; <c>UseDevelopmentStorage=true</c> is Azurite on
    /// its default ports (blob 10000, queue 10001, table 10002 on 127.0.0.1).</param>
    /// <param name="configure">Changes the settings after this service's defaults (<see cref="AzureStorageDefaults"/>).</param>
    public static IDurableTaskWorkerBuilder UseAzureStorage(this IDurableTaskWorkerBuilder builder, string connectionString, Action<AzureStorageOrchestrationServiceSettings>? configure = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        return builder.UseAzureStorage(new StorageAccountClientProvider(connectionString), configure);
    }

    /// <summary>Runs the worker on Azure Storage reached through <paramref name="storage"/>'s clients (for example an
    /// identity-based connection, see <see cref="IdentityStorageConnection"/>); otherwise as the connection-string overload.</summary>
    /// <param name="builder">The worker's builder.</param>
    /// <param name="storage">The blob, queue and table clients of the account.</param>
    /// <param name="configure">Changes the settings after this service's defaults (<see cref="AzureStorageDefaults"/>).</param>
    public static IDurableTaskWorkerBuilder UseAzureStorage(this IDurableTaskWorkerBuilder builder, StorageAccountClientProvider storage, Action<AzureStorageOrchestrationServiceSettings>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(storage);
        AzureStorageLogging.AddDefaultFilter(builder.Services);
        AddQueryPort(builder.Services, builder.Name);
        string name = builder.Name;
        return builder.UseOrchestrationService(sp => Create(sp, name, storage, configure));
    }

    /// <summary>Makes the client use Azure Storage reached through <paramref name="storage"/>'s clients.</summary>
    /// <param name="builder">The client's builder.</param>
    /// <param name="storage">The blob, queue and table clients of the account.</param>
    /// <param name="configure">Changes the settings after this service's defaults (<see cref="AzureStorageDefaults"/>).</param>
    public static IDurableTaskClientBuilder UseAzureStorage(this IDurableTaskClientBuilder builder, StorageAccountClientProvider storage, Action<AzureStorageOrchestrationServiceSettings>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(storage);
        AzureStorageLogging.AddDefaultFilter(builder.Services);
        AddQueryPort(builder.Services, builder.Name);
        string name = builder.Name;
        return builder.UseOrchestrationService(sp => Create(sp, name, storage, configure));
    }

    /// <summary>Makes the client use Azure Storage, sharing the worker's service when the host has a worker of the same
    /// name (see the worker overload for the parameters).</summary>
    /// <param name="builder">The client's builder.</param>
    /// <param name="connectionString">An Azure Storage connection string; <c>UseDevelopmentStorage=true</c> is Azurite.</param>
    /// <param name="configure">Changes the settings after this service's defaults (<see cref="AzureStorageDefaults"/>).</param>
    public static IDurableTaskClientBuilder UseAzureStorage(this IDurableTaskClientBuilder builder, string connectionString, Action<AzureStorageOrchestrationServiceSettings>? configure = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        return builder.UseAzureStorage(new StorageAccountClientProvider(connectionString), configure);
    }

    /// <summary>Keeps the settings of the builder's service for its query port; the default-named builders also register
    /// that port (<see cref="AzureStorageInstanceQueryPort"/>) as the host's <see cref="IInstanceQueryPort"/>, for
    /// dashboards, as <c>UseSqlite</c> does.</summary>
    private static void AddQueryPort(IServiceCollection services, string name)
    {
        services.TryAddKeyedSingleton(name, (_, _) => new AzureStorageSettingsSlot());
        if (name != Microsoft.Extensions.Options.Options.DefaultName)
        {
            return;
        }

        services.TryAddSingleton<IInstanceQueryPort>(sp =>
        {
            IOrchestrationService service = sp.GetRequiredKeyedService<OrchestrationServiceHandle>(name).Service;
            return service is AzureStorageOrchestrationService azureStorage && sp.GetRequiredKeyedService<AzureStorageSettingsSlot>(name).Settings is { } settings
                ? new AzureStorageInstanceQueryPort(azureStorage, settings)
                : throw new InvalidOperationException($"The host's Durable Task store is {service.GetType().Name}, not Azure Storage, so it has no Azure Storage query port.");
        });
    }

    private static AzureStorageOrchestrationService Create(IServiceProvider services, string name, StorageAccountClientProvider storage, Action<AzureStorageOrchestrationServiceSettings>? configure)
    {
        AzureStorageOrchestrationServiceSettings settings = AzureStorageDefaults.CreateSettings(storage);
        settings.LoggerFactory = services.GetService<ILoggerFactory>() ?? settings.LoggerFactory;
        configure?.Invoke(settings);
        services.GetRequiredKeyedService<AzureStorageSettingsSlot>(name).Settings = settings;
        return new AzureStorageOrchestrationService(settings);
    }
}
