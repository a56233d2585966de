using Workflows.Durable.Storage.Sqlite;

namespace Workflows.Durable.Worker;

/// <summary>Points a worker at a SQLite store.</summary>
public static class SqliteWorkerBuilderExtensions
{
    /// <summary>Uses the SQLite file of the connection string; clients using the same file in this process share the store.</summary>
    public static IDurableTaskWorkerBuilder UseSqlite(this IDurableTaskWorkerBuilder builder, string connectionString, Action<SqliteStoreOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrEmpty(connectionString);
        return builder.Configure(o => o.StoreFactory = sp => SqliteStoreFactory.Get(sp, connectionString, configure));
    }
}
