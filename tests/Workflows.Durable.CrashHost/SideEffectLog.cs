using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Workflows.Durable.CrashHost;

/// <summary>The outside effect of the workload's activities: one row per execution in a SQLite file of its own,
/// shared by every host process, so that tests can count how often each task ran.</summary>
public sealed class SideEffectLog : IDisposable
{
    private readonly string connectionString;
    private readonly SemaphoreSlim gate = new(1, 1);

    /// <summary>Uses the SQLite file at <paramref name="path"/>.</summary>
    public SideEffectLog(string path)
    {
        this.connectionString = new SqliteConnectionStringBuilder { DataSource = path, Pooling = true, DefaultTimeout = 60 }.ToString();
    }

    /// <summary>Creates the table if it is missing.</summary>
    public void EnsureCreated()
    {
        using SqliteConnection connection = this.Open();
        using SqliteCommand command = connection.CreateCommand();
        command.CommandText =
            """
            PRAGMA journal_mode=WAL;
            CREATE TABLE IF NOT EXISTS Executions (
                Sequence INTEGER PRIMARY KEY AUTOINCREMENT,
                InstanceId TEXT NOT NULL,
                TaskId INTEGER NOT NULL,
                Name TEXT NOT NULL,
                ProcessId INTEGER NOT NULL,
                ExecutedAt TEXT NOT NULL
            );
            CREATE INDEX IF NOT EXISTS IX_Executions_Instance ON Executions (InstanceId, Name);
            """;
        command.ExecuteNonQuery();
    }

    /// <summary>Records one execution of an activity; returns how many times an activity of that name has run for
    /// that instance, this one included.</summary>
    public async Task<int> RecordAsync(TaskActivityContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        await this.gate.WaitAsync().ConfigureAwait(false);
        try
        {
            using SqliteConnection connection = this.Open();
            using SqliteTransaction tx = connection.BeginTransaction(deferred: false);
            using (SqliteCommand insert = connection.CreateCommand())
            {
                insert.Transaction = tx;
                insert.CommandText = "INSERT INTO Executions (InstanceId, TaskId, Name, ProcessId, ExecutedAt) VALUES ($i, $t, $n, $p, $at)";
                insert.Parameters.AddWithValue("$i", context.InstanceId);
                insert.Parameters.AddWithValue("$t", context.TaskId);
                insert.Parameters.AddWithValue("$n", context.Name.Name);
                insert.Parameters.AddWithValue("$p", Environment.ProcessId);
                insert.Parameters.AddWithValue("$at", DateTimeOffset.UtcNow.ToString("o", CultureInfo.InvariantCulture));
                insert.ExecuteNonQuery();
            }

            int count;
            using (SqliteCommand select = connection.CreateCommand())
            {
                select.Transaction = tx;
                select.CommandText = "SELECT COUNT(*) FROM Executions WHERE InstanceId = $i AND Name = $n";
                select.Parameters.AddWithValue("$i", context.InstanceId);
                select.Parameters.AddWithValue("$n", context.Name.Name);
                count = Convert.ToInt32(select.ExecuteScalar(), CultureInfo.InvariantCulture);
            }

            tx.Commit();
            return count;
        }
        finally
        {
            this.gate.Release();
        }
    }

    /// <inheritdoc/>
    public void Dispose() => this.gate.Dispose();

    private SqliteConnection Open()
    {
        var connection = new SqliteConnection(this.connectionString);
        connection.Open();
        using SqliteCommand pragma = connection.CreateCommand();
        pragma.CommandText = "PRAGMA busy_timeout=60000;";
        pragma.ExecuteNonQuery();
        return connection;
    }
}
