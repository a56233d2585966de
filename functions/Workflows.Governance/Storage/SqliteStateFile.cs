using Microsoft.Data.Sqlite;

namespace Workflows.Governance.Storage;

/// <summary>A small SQLite file of shared state that several processes may use at once: the schema is created on
/// first use, the file is in write-ahead-log mode, and a writer waits for another's lock instead of failing.</summary>
internal sealed class SqliteStateFile
{
    /// <summary>How long a statement waits for another process's lock before it fails.</summary>
    public static readonly TimeSpan BusyTimeout = TimeSpan.FromSeconds(30);

    private readonly string connectionString;
    private readonly string schema;
    private volatile bool created;

    /// <summary>A file at <paramref name="path"/> whose tables <paramref name="schema"/> creates (idempotent statements).</summary>
    public SqliteStateFile(string path, string schema)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ArgumentException.ThrowIfNullOrWhiteSpace(schema);
        this.Path = System.IO.Path.GetFullPath(path);
        this.schema = schema;

        // Writes are rare; unpooled connections leave no file handle open between them.
        this.connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = this.Path,
            Pooling = false,
            DefaultTimeout = (int)BusyTimeout.TotalSeconds,
        }.ToString();
    }

    /// <summary>The file's absolute path.</summary>
    public string Path { get; }

    /// <summary>An open connection; the caller disposes it.</summary>
    public async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        if (!this.created)
        {
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(this.Path)!);
        }

        var connection = new SqliteConnection(this.connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            await using (SqliteCommand busy = connection.CreateCommand())
            {
                // Microsoft.Data.Sqlite retries a busy statement, but not a busy BEGIN IMMEDIATE; SQLite's own handler does.
                busy.CommandText = $"PRAGMA busy_timeout = {(int)BusyTimeout.TotalMilliseconds}";
                await busy.ExecuteNonQueryAsync(cancellationToken);
            }

            if (!this.created)
            {
                // Idempotent, so first calls racing here (in this process or another) do no harm.
                await using SqliteCommand command = connection.CreateCommand();
                command.CommandText = "PRAGMA journal_mode = WAL;\n" + this.schema;
                await command.ExecuteNonQueryAsync(cancellationToken);
                this.created = true;
            }

            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>Milliseconds since the Unix epoch, as the files store instants (comparable in SQL).</summary>
    public static long Instant(DateTimeOffset at) => at.ToUnixTimeMilliseconds();
}
