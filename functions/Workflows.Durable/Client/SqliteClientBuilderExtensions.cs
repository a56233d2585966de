using Microsoft.Extensions.DependencyInjection;
using Workflows.Durable.Storage;
using Workflows.Durable.Storage.Sqlite;

namespace Workflows.Durable.Client;

/// <summary>Points a client at a SQLite store.</summary>
public static class SqliteClientBuilderExtensions
{
    /// <summary>Uses the SQLite file of the connection string; a worker using the same file in this process shares the store.</summary>
    public static IDurableTaskClientBuilder UseSqlite(this IDurableTaskClientBuilder builder, string connectionString, Action<SqliteStoreOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrEmpty(connectionString);
        return builder.Configure(o => o.StoreFactory = sp => SqliteStoreFactory.Get(sp, connectionString, configure));
    }
}
