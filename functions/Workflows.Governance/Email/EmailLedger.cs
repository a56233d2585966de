using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Workflows.Governance.Email;

/// <summary>The idempotency keys of the emails already sent, in a small SQLite file that outlives the process.</summary>
internal sealed class EmailLedger
{
    /// <summary>The ledger's file name under the data directory.</summary>
    public const string FileName = "email.db";

    private readonly string path;
    private readonly string connectionString;
    private readonly TimeProvider timeProvider;
    private volatile bool created;

    public EmailLedger(string path, TimeProvider timeProvider)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ArgumentNullException.ThrowIfNull(timeProvider);
        this.path = Path.GetFullPath(path);
        this.timeProvider = timeProvider;

        // Sends are rare; unpooled connections leave no file handle open between them.
        this.connectionString = new SqliteConnectionStringBuilder { DataSource = this.path, Pooling = false }.ToString();
    }

    /// <summary>Whether an email with <paramref name="idempotencyKey"/> was recorded as sent.</summary>
    public async Task<bool> ContainsAsync(string idempotencyKey, CancellationToken cancellationToken)
    {
        await using SqliteConnection connection = await this.OpenAsync(cancellationToken);
        await using SqliteCommand command = connection.CreateCommand();
        command.CommandText = "SELECT 1 FROM sent_email WHERE idempotency_key = $key";
        command.Parameters.AddWithValue("$key", idempotencyKey);
        return await command.ExecuteScalarAsync(cancellationToken) is not null;
    }

    /// <summary>Records that the email with <paramref name="idempotencyKey"/> was sent; recording it twice is harmless.</summary>
    public async Task RecordAsync(string idempotencyKey, CancellationToken cancellationToken)
    {
        await using SqliteConnection connection = await this.OpenAsync(cancellationToken);
        await using SqliteCommand command = connection.CreateCommand();
        command.CommandText = "INSERT OR IGNORE INTO sent_email (idempotency_key, sent_at) VALUES ($key, $sentAt)";
        command.Parameters.AddWithValue("$key", idempotencyKey);
        command.Parameters.AddWithValue("$sentAt", this.timeProvider.GetUtcNow().ToString("O", CultureInfo.InvariantCulture));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        if (!this.created)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(this.path)!);
        }

        var connection = new SqliteConnection(this.connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            if (!this.created)
            {
                // Idempotent, so two first calls racing here do no harm.
                await using SqliteCommand command = connection.CreateCommand();
                command.CommandText = "CREATE TABLE IF NOT EXISTS sent_email (idempotency_key TEXT NOT NULL PRIMARY KEY, sent_at TEXT NOT NULL)";
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
}
