using System.Globalization;
using Microsoft.Data.Sqlite;
using Workflows.Governance.Storage;

namespace Workflows.Governance.Email;

/// <summary>The <see cref="IEmailLedger"/> of the self-hosted service: a SQLite file under the data directory, which
/// several processes on one machine may share. Keys sent before claims existed (table <c>sent_email</c>) stay sent.</summary>
internal sealed class SqliteEmailLedger : IEmailLedger
{
    /// <summary>The ledger's file name under the data directory.</summary>
    public const string FileName = "email.db";

    private const string Schema = """
        CREATE TABLE IF NOT EXISTS sent_email (idempotency_key TEXT NOT NULL PRIMARY KEY, sent_at TEXT NOT NULL);
        CREATE TABLE IF NOT EXISTS email_claim (idempotency_key TEXT NOT NULL PRIMARY KEY, token TEXT NOT NULL, lease_until INTEGER NOT NULL);
        """;

    private readonly SqliteStateFile file;
    private readonly TimeProvider timeProvider;

    public SqliteEmailLedger(string path, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(timeProvider);
        this.file = new SqliteStateFile(path, Schema);
        this.timeProvider = timeProvider;
    }

    /// <inheritdoc/>
    public async Task<EmailLedgerClaim> TryClaimAsync(string idempotencyKey, TimeSpan lease, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(idempotencyKey);
        DateTimeOffset now = this.timeProvider.GetUtcNow();
        string token = Guid.NewGuid().ToString("N");
        await using SqliteConnection connection = await this.file.OpenAsync(cancellationToken);

        // BEGIN IMMEDIATE: the check of sent_email and the claim are one step for every process on the file.
        await using SqliteTransaction transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
        await using SqliteCommand sent = connection.CreateCommand();
        sent.CommandText = "SELECT 1 FROM sent_email WHERE idempotency_key = $key";
        sent.Parameters.AddWithValue("$key", idempotencyKey);
        if (await sent.ExecuteScalarAsync(cancellationToken) is not null)
        {
            return new EmailLedgerClaim(idempotencyKey, EmailLedgerClaimOutcome.AlreadySent, string.Empty);
        }

        await using SqliteCommand claim = connection.CreateCommand();
        claim.CommandText = """
            INSERT INTO email_claim (idempotency_key, token, lease_until) VALUES ($key, $token, $until)
            ON CONFLICT (idempotency_key) DO UPDATE SET token = excluded.token, lease_until = excluded.lease_until
            WHERE email_claim.lease_until <= $now
            """;
        claim.Parameters.AddWithValue("$key", idempotencyKey);
        claim.Parameters.AddWithValue("$token", token);
        claim.Parameters.AddWithValue("$until", SqliteStateFile.Instant(now + lease));
        claim.Parameters.AddWithValue("$now", SqliteStateFile.Instant(now));
        bool claimed = await claim.ExecuteNonQueryAsync(cancellationToken) == 1;
        await transaction.CommitAsync(cancellationToken);
        return claimed
            ? new EmailLedgerClaim(idempotencyKey, EmailLedgerClaimOutcome.Claimed, token)
            : new EmailLedgerClaim(idempotencyKey, EmailLedgerClaimOutcome.HeldElsewhere, string.Empty);
    }

    /// <inheritdoc/>
    public async Task MarkSentAsync(EmailLedgerClaim claim, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(claim);
        await using SqliteConnection connection = await this.file.OpenAsync(cancellationToken);
        await using SqliteCommand command = connection.CreateCommand();
        command.CommandText = """
            BEGIN IMMEDIATE;
            INSERT OR IGNORE INTO sent_email (idempotency_key, sent_at) VALUES ($key, $sentAt);
            DELETE FROM email_claim WHERE idempotency_key = $key;
            COMMIT;
            """;
        command.Parameters.AddWithValue("$key", claim.IdempotencyKey);
        command.Parameters.AddWithValue("$sentAt", this.timeProvider.GetUtcNow().ToString("O", CultureInfo.InvariantCulture));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <inheritdoc/>
    public async Task ReleaseAsync(EmailLedgerClaim claim, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(claim);
        await using SqliteConnection connection = await this.file.OpenAsync(cancellationToken);
        await using SqliteCommand command = connection.CreateCommand();
        command.CommandText = "DELETE FROM email_claim WHERE idempotency_key = $key AND token = $token";
        command.Parameters.AddWithValue("$key", claim.IdempotencyKey);
        command.Parameters.AddWithValue("$token", claim.Token);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
