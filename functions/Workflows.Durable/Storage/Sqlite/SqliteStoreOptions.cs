namespace Workflows.Durable.Storage.Sqlite;

/// <summary>Settings of the SQLite store.</summary>
public sealed class SqliteStoreOptions
{
    /// <summary>The connection string, for example <c>Data Source=/path/to/file.db</c>.</summary>
    public string ConnectionString { get; set; } = "Data Source=workflows.db";

    /// <summary>Payloads longer than this many characters are stored apart from the hot rows.</summary>
    public int PayloadInlineThreshold { get; set; } = 8 * 1024;

    /// <summary>How long a claim on work lasts unless renewed; a crashed worker's work is taken over after it.</summary>
    public TimeSpan LockTimeout { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>The most inbox messages delivered to one episode.</summary>
    public int MaxMessagesPerEpisode { get; set; } = 5000;

    /// <summary>The name under which this process holds locks; host name and process id by default.</summary>
    public string? WorkerId { get; set; }
}
