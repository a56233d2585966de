using Microsoft.Data.Sqlite;
using Workflows.Governance.Storage;

namespace Workflows.Governance.Approvals;

/// <summary>The <see cref="IRaisedDecisionLedger"/> of the self-hosted service: a SQLite file under the data directory,
/// which several processes on one machine may share.</summary>
/// <remarks>Each row holds until <c>held_until</c>; rows of the table <c>raised_decision</c> that earlier versions wrote
/// (one lifetime for claim and mark alike) are left alone and no longer read.</remarks>
internal sealed class SqliteRaisedDecisionLedger : IRaisedDecisionLedger
{
    /// <summary>The file's name under the data directory.</summary>
    public const string FileName = "decisions.db";

    private const string Schema = "CREATE TABLE IF NOT EXISTS decision_mark (decision_key TEXT NOT NULL PRIMARY KEY, held_until INTEGER NOT NULL, raised INTEGER NOT NULL);";

    private readonly SqliteStateFile file;
    private readonly TimeProvider timeProvider;
    private readonly DecisionMarkLifetimes lifetimes;

    public SqliteRaisedDecisionLedger(string path, TimeProvider timeProvider, DecisionMarkLifetimes lifetimes)
    {
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(lifetimes);
        lifetimes.Validate();
        this.file = new SqliteStateFile(path, Schema);
        this.timeProvider = timeProvider;
        this.lifetimes = lifetimes;
    }

    /// <inheritdoc/>
    public async Task<bool> TryClaimAsync(string key, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        DateTimeOffset now = this.timeProvider.GetUtcNow();

        // One statement: of processes racing here, one inserts (or takes over a lapsed row), the others change nothing.
        return await this.ExecuteAsync(
            """
            INSERT INTO decision_mark (decision_key, held_until, raised) VALUES ($key, $until, 0)
            ON CONFLICT (decision_key) DO UPDATE SET held_until = excluded.held_until, raised = 0 WHERE decision_mark.held_until <= $now
            """,
            key,
            now,
            now + this.lifetimes.Claim,
            cancellationToken) == 1;
    }

    /// <inheritdoc/>
    public async Task MarkRaisedAsync(string key, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        DateTimeOffset now = this.timeProvider.GetUtcNow();
        await this.ExecuteAsync(
            """
            INSERT INTO decision_mark (decision_key, held_until, raised) VALUES ($key, $until, 1)
            ON CONFLICT (decision_key) DO UPDATE SET held_until = excluded.held_until, raised = 1
            """,
            key,
            now,
            now + this.lifetimes.Raised,
            cancellationToken);
    }

    /// <inheritdoc/>
    public async Task<DecisionMark> ReadAsync(string key, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        await using SqliteConnection connection = await this.file.OpenAsync(cancellationToken);
        await using SqliteCommand command = connection.CreateCommand();
        command.CommandText = "SELECT raised FROM decision_mark WHERE decision_key = $key AND held_until > $now";
        command.Parameters.AddWithValue("$key", key);
        command.Parameters.AddWithValue("$now", SqliteStateFile.Instant(this.timeProvider.GetUtcNow()));
        return await command.ExecuteScalarAsync(cancellationToken) switch
        {
            null => DecisionMark.None,
            long raised when raised != 0 => DecisionMark.Raised,
            _ => DecisionMark.Claimed,
        };
    }

    /// <inheritdoc/>
    public async Task ForgetAsync(string key, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        await using SqliteConnection connection = await this.file.OpenAsync(cancellationToken);
        await using SqliteCommand command = connection.CreateCommand();
        command.CommandText = "DELETE FROM decision_mark WHERE decision_key = $key";
        command.Parameters.AddWithValue("$key", key);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private async Task<int> ExecuteAsync(string sql, string key, DateTimeOffset now, DateTimeOffset until, CancellationToken cancellationToken)
    {
        await using SqliteConnection connection = await this.file.OpenAsync(cancellationToken);
        await using SqliteCommand command = connection.CreateCommand();
        command.CommandText = sql;
        command.Parameters.AddWithValue("$key", key);
        command.Parameters.AddWithValue("$now", SqliteStateFile.Instant(now));
        command.Parameters.AddWithValue("$until", SqliteStateFile.Instant(until));
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
