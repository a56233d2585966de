using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Workflows.Durable.Storage.Sqlite;

/// <summary>Makes, or finds, the process's SQLite store for a connection string.</summary>
internal static class SqliteStoreFactory
{
    public static IOrchestrationStore Get(IServiceProvider services, string connectionString, Action<SqliteStoreOptions>? configure)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString);
        string key = "sqlite:" + Path.GetFullPath(builder.DataSource);
        return services.GetRequiredService<OrchestrationStoreCache>().GetOrAdd(key, () =>
        {
            var options = new SqliteStoreOptions { ConnectionString = connectionString };
            configure?.Invoke(options);
            var store = new SqliteOrchestrationStore(options, services.GetService<TimeProvider>());
            ILogger logger = (services.GetService<ILoggerFactory>() ?? NullLoggerFactory.Instance).CreateLogger<SqliteOrchestrationStore>();
            store.UnreadableMessage += (instanceId, count) => SqliteLog.UnreadableMessage(logger, instanceId, count);
            return store;
        });
    }
}
