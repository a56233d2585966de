using Workflows.DurableTask.Configuration;
using Workflows.DurableTask.Hosting;

namespace Workflows.DurableTask.Sqlite;

/// <summary>host.json's <c>storageProvider.type</c> <c>sqlite</c>: the connection string comes from the setting
/// <c>storageProvider.connectionStringName</c> names, or is the host's default file when that key is not set.</summary>
/// <param name="defaultConnectionString">The store used when host.json names no connection.</param>
/// <param name="dataDirectory">The folder a configured relative <c>Data Source</c> is placed under (the host's data
/// folder); the working directory when null.</param>
public sealed class SqliteStorageProviderFactory(string defaultConnectionString, string? dataDirectory = null) : IStorageProviderFactory
{
    /// <summary>The <c>type</c> value that selects this provider.</summary>
    public const string TypeName = "sqlite";

    /// <inheritdoc/>
    public string Type => TypeName;

    /// <inheritdoc/>
    public void Configure(StorageProviderContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        DurableTaskOptions options = context.Options;
        string key = context.Key("storageProvider:connectionStringName");
        string connectionString = defaultConnectionString;
        if (options.StorageProvider.ConnectionStringName is { Length: > 0 } name)
        {
            ConnectionSetting? setting = context.FindConnection(name);
            if (setting is not null && setting.ConnectionString is not { Length: > 0 })
            {
                throw new StoreConfigurationException($"'{name}' (named by '{key}') must be a SQLite connection string such as 'Data Source=workflows.db'.");
            }

            connectionString = setting?.ConnectionString is { } configured ? Placed(configured, name, key) : defaultConnectionString;
        }

        context.DescribeStoreAs(key);
        context.Worker.UseSqlite(connectionString, settings => Apply(options, settings));
        context.Client.UseSqlite(connectionString, settings => Apply(options, settings));
    }

    /// <summary>The configured connection string with its file placed under the data folder; an in-memory or malformed
    /// one is refused, since it would lose every orchestration on restart.</summary>
    private string Placed(string configured, string name, string key)
    {
        Microsoft.Data.Sqlite.SqliteConnectionStringBuilder builder;
        try
        {
            builder = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(configured);
        }
        catch (ArgumentException)
        {
            // The message would quote the connection string.
            throw new StoreConfigurationException($"'{name}' (named by '{key}') is not a valid SQLite connection string.");
        }

        if (string.IsNullOrWhiteSpace(builder.DataSource) || builder.DataSource == ":memory:" || builder.Mode == Microsoft.Data.Sqlite.SqliteOpenMode.Memory)
        {
            throw new StoreConfigurationException($"'{name}' (named by '{key}') must name a file (Data Source=...): an in-memory database would lose every orchestration on restart.");
        }

        builder.DataSource = Path.GetFullPath(builder.DataSource, dataDirectory ?? Directory.GetCurrentDirectory());
        return builder.ToString();
    }

    /// <summary>Puts host.json's settings onto <paramref name="settings"/>; the provider's defaults stay where unset.</summary>
    public static void Apply(DurableTaskOptions options, SqliteOrchestrationServiceSettings settings)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(settings);
        settings.TaskHubName = options.HubName;
        if (options.MaxConcurrentOrchestratorFunctions is { } orchestrations)
        {
            settings.MaxConcurrentTaskOrchestrationWorkItems = orchestrations;
        }

        if (options.MaxConcurrentActivityFunctions is { } activities)
        {
            settings.MaxConcurrentTaskActivityWorkItems = activities;
        }

        if (options.ExtendedSessionsEnabled is { } sessions)
        {
            settings.ExtendedSessionsEnabled = sessions;
        }

        if (options.ExtendedSessionIdleTimeoutInSeconds is { } idleSeconds)
        {
            settings.ExtendedSessionIdleTimeout = TimeSpan.FromSeconds(idleSeconds);
        }
    }
}
