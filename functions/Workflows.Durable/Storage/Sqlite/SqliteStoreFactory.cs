using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

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
            return new SqliteOrchestrationStore(options, services.GetService<TimeProvider>());
        });
    }
}
