using Microsoft.Data.Sqlite;

namespace Workflows.Functions.Hosting;

/// <summary>Works out the SQLite connection string of the orchestration store from configuration.</summary>
internal static class SqliteStoreConnection
{
    /// <summary>The store's file name under the data directory when no connection string is configured.</summary>
    public const string DefaultFileName = "workflows.db";

    /// <summary>The connection string named by host.json's storageProvider.connectionStringName (looked up in
    /// <c>ConnectionStrings</c>, then as a plain key, as the Functions host resolves connection names), or the default
    /// file under the data directory. A relative data source is taken relative to the data directory.</summary>
    public static string Resolve(IConfiguration configuration, string dataDirectory)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        string? name = configuration[ConfigurationPath.Combine(DurableTaskHostOptions.SectionName, "storageProvider", "connectionStringName")];
        string? configured = string.IsNullOrWhiteSpace(name) ? null : configuration.GetConnectionString(name) ?? configuration[name];
        if (string.IsNullOrWhiteSpace(configured))
        {
            return new SqliteConnectionStringBuilder { DataSource = Path.Combine(dataDirectory, DefaultFileName) }.ToString();
        }

        SqliteConnectionStringBuilder builder;
        try
        {
            builder = new SqliteConnectionStringBuilder(configured);
        }
        catch (ArgumentException ex)
        {
            throw new InvalidOperationException($"The SQLite connection string in setting '{name}' (host.json extensions.durableTask.storageProvider.connectionStringName) is malformed: {ex.Message}", ex);
        }

        if (string.IsNullOrWhiteSpace(builder.DataSource)
            || builder.DataSource == ":memory:"
            || builder.Mode == SqliteOpenMode.Memory)
        {
            throw new InvalidOperationException($"The SQLite connection string in setting '{name}' must name a file (Data Source=...); an in-memory database would lose every orchestration on restart.");
        }

        builder.DataSource = Path.GetFullPath(builder.DataSource, dataDirectory);
        return builder.ToString();
    }
}
