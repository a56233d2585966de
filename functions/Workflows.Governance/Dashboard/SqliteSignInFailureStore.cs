using Microsoft.Data.Sqlite;
using Workflows.Governance.Storage;

namespace Workflows.Governance.Dashboard;

/// <summary>The <see cref="ISignInFailureStore"/> of the self-hosted service: a SQLite file under the data directory,
/// which several processes on one machine may share.</summary>
internal sealed class SqliteSignInFailureStore : ISignInFailureStore
{
    /// <summary>The file's name under the data directory.</summary>
    public const string FileName = "signin.db";

    private const string Schema = "CREATE TABLE IF NOT EXISTS signin_failure (address TEXT NOT NULL PRIMARY KEY, window_start INTEGER NOT NULL, failures INTEGER NOT NULL);";

    private readonly SqliteStateFile file;
    private readonly TimeProvider timeProvider;
    private readonly TimeSpan window;

    public SqliteSignInFailureStore(string path, TimeProvider timeProvider, TimeSpan window)
    {
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(window, TimeSpan.Zero);
        this.file = new SqliteStateFile(path, Schema);
        this.timeProvider = timeProvider;
        this.window = window;
    }

    /// <inheritdoc/>
    public async Task<int> CountAsync(string address, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(address);
        await using SqliteConnection connection = await this.file.OpenAsync(cancellationToken);
        await using SqliteCommand command = connection.CreateCommand();
        command.CommandText = "SELECT failures FROM signin_failure WHERE address = $address AND window_start > $ended";
        command.Parameters.AddWithValue("$address", address);
        command.Parameters.AddWithValue("$ended", SqliteStateFile.Instant(this.timeProvider.GetUtcNow() - this.window));
        return await command.ExecuteScalarAsync(cancellationToken) is long failures ? (int)failures : 0;
    }

    /// <inheritdoc/>
    public async Task<int> RecordAsync(string address, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(address);
        DateTimeOffset now = this.timeProvider.GetUtcNow();
        await using SqliteConnection connection = await this.file.OpenAsync(cancellationToken);
        await using SqliteCommand command = connection.CreateCommand();

        // One statement, so racing processes each add theirs; an ended window starts again at this failure.
        command.CommandText = """
            INSERT INTO signin_failure (address, window_start, failures) VALUES ($address, $now, 1)
            ON CONFLICT (address) DO UPDATE SET
                failures = CASE WHEN signin_failure.window_start <= $ended THEN 1 ELSE signin_failure.failures + 1 END,
                window_start = CASE WHEN signin_failure.window_start <= $ended THEN $now ELSE signin_failure.window_start END
            RETURNING failures
            """;
        command.Parameters.AddWithValue("$address", address);
        command.Parameters.AddWithValue("$now", SqliteStateFile.Instant(now));
        command.Parameters.AddWithValue("$ended", SqliteStateFile.Instant(now - this.window));
        return (int)(long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }
}
