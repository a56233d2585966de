using System.Globalization;
using DurableTask.AzureStorage;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Worker;
using Workflows.DurableTask.Sqlite;

namespace Workflows.DurableTask.CrashHost.Store;

/// <summary>Puts a worker or a client on a <see cref="CrashStore"/>, with the short takeover times the crash tests
/// need.</summary>
public static class CrashStoreBuilderExtensions
{
    /// <summary>Runs the worker on <paramref name="store"/>.</summary>
    public static IDurableTaskWorkerBuilder UseCrashStore(this IDurableTaskWorkerBuilder builder, CrashStore store)
    {
        ArgumentNullException.ThrowIfNull(store);
        return store.Provider == StoreProvider.Sqlite
            ? builder.UseSqliteStore(s => ConfigureSqlite(s, store))
            : builder.UseAzureStorage(store.ConnectionString, s => ConfigureAzureStorage(s, store));
    }

    /// <summary>Makes the client read and write <paramref name="store"/>.</summary>
    public static IDurableTaskClientBuilder UseCrashStore(this IDurableTaskClientBuilder builder, CrashStore store)
    {
        ArgumentNullException.ThrowIfNull(store);
        return store.Provider == StoreProvider.Sqlite
            ? builder.UseSqliteStore(s => ConfigureSqlite(s, store))
            : builder.UseAzureStorage(store.ConnectionString, s => ConfigureAzureStorage(s, store));
    }

    private static void ConfigureSqlite(SqliteOrchestrationServiceSettings settings, CrashStore store)
    {
        settings.ConnectionString = store.ConnectionString;
        settings.TaskHubName = store.TaskHub;
        settings.OrchestrationLockTimeout = store.Takeover;
        settings.ActivityLockTimeout = store.Takeover;
        settings.ExtendedSessionIdleTimeout = store.Takeover / 3;
        settings.MaxPollingInterval = CrashStore.PollingInterval;
        settings.MaxConcurrentTaskOrchestrationWorkItems = CrashStore.OrchestrationSlots;
        settings.MaxConcurrentTaskActivityWorkItems = CrashStore.ActivitySlots;
    }

    private static void ConfigureAzureStorage(AzureStorageOrchestrationServiceSettings settings, CrashStore store)
    {
        settings.TaskHubName = store.TaskHub;
        settings.PartitionCount = store.PartitionCount;

        // The partition manager tells workers apart by this id; its default, the machine name, would make every
        // process of this machine the owner of every partition at once.
        settings.WorkerId = string.Create(CultureInfo.InvariantCulture, $"{Environment.MachineName}-{Environment.ProcessId}");
        settings.ControlQueueVisibilityTimeout = store.Takeover;
        settings.WorkItemQueueVisibilityTimeout = store.Takeover;
        settings.LeaseInterval = store.Takeover;
        settings.LeaseRenewInterval = store.Takeover / 4;
        settings.LeaseAcquireInterval = TimeSpan.FromSeconds(1);
        settings.MaxQueuePollingInterval = CrashStore.PollingInterval;
        settings.MaxConcurrentTaskOrchestrationWorkItems = CrashStore.OrchestrationSlots;
        settings.MaxConcurrentTaskActivityWorkItems = CrashStore.ActivitySlots;
    }
}
