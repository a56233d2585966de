using Microsoft.Data.Sqlite;
using Microsoft.DurableTask;
using Workflows.DurableTask.Configuration;
using Workflows.DurableTask.Sqlite;
using Workflows.Governance.Instances;

namespace Workflows.Host.Hosting;

/// <summary>Registers the Durable Task worker and client as host.json configures them.</summary>
public static class DurableTaskHostServiceCollectionExtensions
{
    /// <summary>The SQLite store's file name under the data directory when host.json names no connection.</summary>
    public const string DefaultStoreFileName = "workflows.db";

    /// <summary>The <c>extensions.durableTask</c> section of host.json as this host reads it.</summary>
    public const string SectionName = FunctionsHostConfiguration.HostJsonSection + ":extensions:durableTask";

    /// <summary>Adds the in-process worker (with <paramref name="tasks"/>) and the client on the provider host.json's
    /// <c>storageProvider.type</c> names: SQLite (<c>{DataDirectory}/workflows.db</c> unless
    /// <c>connectionStringName</c> names another, relative names placed under the data directory) by default, or Azure
    /// Storage; and the app's <see cref="InstanceReader"/>.</summary>
    public static IServiceCollection AddDurableTaskHost(this IServiceCollection services, IConfiguration configuration, Action<DurableTaskRegistry> tasks)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(tasks);

        string dataDirectory = FunctionsHostOptions.ResolveDataDirectory(configuration);
        string defaultStore = new SqliteConnectionStringBuilder { DataSource = Path.Combine(dataDirectory, DefaultStoreFileName) }.ToString();
        services.AddDurableTaskStorageProvider(new SqliteStorageProviderFactory(defaultStore, dataDirectory));
        services.AddDurableTaskFromConfiguration(configuration, tasks, SectionName);
        services.AddSingleton<InstanceReader>();
        return services;
    }
}
