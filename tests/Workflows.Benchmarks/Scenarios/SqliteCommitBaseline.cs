using System.Diagnostics;
using Microsoft.Data.Sqlite;

namespace Workflows.Benchmarks.Scenarios;

/// <summary>Raw single-row write transactions on a separate file in the same folder, with the SQLite provider's settings
/// (WAL, synchronous=NORMAL, BEGIN IMMEDIATE through Microsoft.Data.Sqlite): the floor every figure is also
/// divided by, so that figures from different disks and machines can be compared.</summary>
internal static class SqliteCommitBaseline
{
    public static void Run(string folder, TimeSpan duration, FigureSet figures)
    {
        string path = Path.Combine(folder, "baseline.db");
        var builder = new SqliteConnectionStringBuilder { DataSource = path, Pooling = true };
        using var connection = new SqliteConnection(builder.ToString());
        connection.Open();
        Execute(connection, "PRAGMA journal_mode=WAL;");
        Execute(connection, "PRAGMA synchronous=NORMAL;");
        Execute(connection, "PRAGMA busy_timeout=30000;");
        Execute(connection, "CREATE TABLE Rows (Id INTEGER PRIMARY KEY AUTOINCREMENT, InstanceId TEXT NOT NULL, Data TEXT);");

        using SqliteCommand insert = connection.CreateCommand();
        insert.CommandText = "INSERT INTO Rows (InstanceId, Data) VALUES ($id, $data)";
        SqliteParameter id = insert.Parameters.Add("$id", SqliteType.Text);
        insert.Parameters.AddWithValue("$data", """{"EventType":"TaskCompleted","TaskScheduledId":3,"Result":"\"Hello London!\"","Timestamp":"2026-01-05T09:00:00Z"}""");

        // A short warm-up, then as many commits as fit in the duration.
        Commit(connection, insert, id, 200);
        long count = 0;
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < duration)
        {
            count += Commit(connection, insert, id, 50);
        }

        clock.Stop();
        double perSecond = count / clock.Elapsed.TotalSeconds;
        figures.Add("sqliteCommitsPerSec", perSecond, 0);
        Progress.Info($"sqlite baseline: {count} commits in {clock.Elapsed.TotalSeconds:F2}s = {perSecond:F0}/s");
    }

    private static int Commit(SqliteConnection connection, SqliteCommand insert, SqliteParameter id, int times)
    {
        for (int i = 0; i < times; i++)
        {
            // deferred: false is BEGIN IMMEDIATE, as the provider's writer does.
            using SqliteTransaction tx = connection.BeginTransaction(deferred: false);
            insert.Transaction = tx;
            id.Value = Guid.NewGuid().ToString("N");
            insert.ExecuteNonQuery();
            tx.Commit();
        }

        return times;
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using SqliteCommand command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
