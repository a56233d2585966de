using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.DurableTask;

namespace Workflows.DurableTask.CrashHost.Activities;

/// <summary>The outside effect of the workload's activities: one row per execution in a SQLite file of its own, shared
/// by every host process, so that a test can count how often each task ran and in which process.</summary>
/// <remarks>A task is known by its instance, activity name and input (the workload's inputs are distinct within an
/// instance), since an SDK activity is not told the id of the event that scheduled it.</remarks>
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
                Name TEXT NOT NULL,
                TaskKey TEXT NOT NULL,
                ProcessId INTEGER NOT NULL,
                ExecutedAt TEXT NOT NULL
            );
            CREATE INDEX IF NOT EXISTS IX_Executions_Task ON Executions (InstanceId, Name, TaskKey);
            """;
        command.ExecuteNonQuery();
    }

    /// <summary>Records one execution of an activity; returns how many times that task (instance, name, key) has run,
    /// this one included.</summary>
    public async Task<int> RecordAsync(TaskActivityContext context, string key, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        await this.gate.WaitAsync(cancellation).ConfigureAwait(false);
        try
        {
            await using SqliteConnection connection = this.Open();
            await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellation).ConfigureAwait(false);
            await using SqliteCommand command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText =
                """
                INSERT INTO Executions (InstanceId, Name, TaskKey, ProcessId, ExecutedAt) VALUES ($instance, $name, $key, $pid, $at);
                SELECT COUNT(*) FROM Executions WHERE InstanceId = $instance AND Name = $name AND TaskKey = $key;
                """;
            command.Parameters.AddWithValue("$instance", context.InstanceId);
            command.Parameters.AddWithValue("$name", context.Name.Name);
            command.Parameters.AddWithValue("$key", key);
            command.Parameters.AddWithValue("$pid", Environment.ProcessId);
            command.Parameters.AddWithValue("$at", DateTimeOffset.UtcNow.ToString("o", CultureInfo.InvariantCulture));
            int runs = Convert.ToInt32(await command.ExecuteScalarAsync(cancellation).ConfigureAwait(false), CultureInfo.InvariantCulture);
            await transaction.CommitAsync(cancellation).ConfigureAwait(false);
            return runs;
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
        return connection;
    }
}
