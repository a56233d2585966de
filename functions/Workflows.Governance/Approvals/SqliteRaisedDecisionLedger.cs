using Microsoft.Data.Sqlite;
using Workflows.Governance.Storage;

namespace Workflows.Governance.Approvals;

/// <summary>The <see cref="IRaisedDecisionLedger"/> of the self-hosted service: a SQLite file under the data directory,
/// which several processes on one machine may share.</summary>
internal sealed class SqliteRaisedDecisionLedger : IRaisedDecisionLedger
{
    /// <summary>The file's name under the data directory.</summary>
    public const string FileName = "decisions.db";

    private const string Schema = "CREATE TABLE IF NOT EXISTS raised_decision (decision_key TEXT NOT NULL PRIMARY KEY, marked_at INTEGER NOT NULL);";

    private readonly SqliteStateFile file;
    private readonly TimeProvider timeProvider;
    private readonly TimeSpan lifetime;

    public SqliteRaisedDecisionLedger(string path, TimeProvider timeProvider, TimeSpan lifetime)
    {
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(lifetime, TimeSpan.Zero);
        this.file = new SqliteStateFile(path, Schema);
        this.timeProvider = timeProvider;
        this.lifetime = lifetime;
    }

    /// <inheritdoc/>
    public async Task<bool> TryMarkAsync(string key, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        DateTimeOffset now = this.timeProvider.GetUtcNow();
        await using SqliteConnection connection = await this.file.OpenAsync(cancellationToken);
        await using SqliteCommand command = connection.CreateCommand();

        // One statement: of processes racing here, one inserts (or takes over a lapsed mark), the others change nothing.
        command.CommandText = """
            INSERT INTO raised_decision (decision_key, marked_at) VALUES ($key, $now)
            ON CONFLICT (decision_key) DO UPDATE SET marked_at = excluded.marked_at WHERE raised_decision.marked_at <= $lapsed
            """;
        command.Parameters.AddWithValue("$key", key);
        command.Parameters.AddWithValue("$now", SqliteStateFile.Instant(now));
        command.Parameters.AddWithValue("$lapsed", SqliteStateFile.Instant(now - this.lifetime));
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    /// <inheritdoc/>
    public async Task<bool> IsMarkedAsync(string key, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        await using SqliteConnection connection = await this.file.OpenAsync(cancellationToken);
        await using SqliteCommand command = connection.CreateCommand();
        command.CommandText = "SELECT 1 FROM raised_decision WHERE decision_key = $key AND marked_at > $lapsed";
        command.Parameters.AddWithValue("$key", key);
        command.Parameters.AddWithValue("$lapsed", SqliteStateFile.Instant(this.timeProvider.GetUtcNow() - this.lifetime));
        return await command.ExecuteScalarAsync(cancellationToken) is not null;
    }

    /// <inheritdoc/>
    public async Task ForgetAsync(string key, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        await using SqliteConnection connection = await this.file.OpenAsync(cancellationToken);
        await using SqliteCommand command = connection.CreateCommand();
        command.CommandText = "DELETE FROM raised_decision WHERE decision_key = $key";
        command.Parameters.AddWithValue("$key", key);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
