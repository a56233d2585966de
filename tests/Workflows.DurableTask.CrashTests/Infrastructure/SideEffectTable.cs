using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Workflows.DurableTask.CrashTests.Infrastructure;

/// <summary>Reads the side-effect file the crash hosts' activities write (see <c>SideEffectLog</c>).</summary>
public static class SideEffectTable
{
    /// <summary>One row per task, with its executions.</summary>
    public static IReadOnlyList<SideEffectRow> ReadTasks(string path)
    {
        using SqliteConnection connection = Open(path);
        using SqliteCommand command = connection.CreateCommand();
        command.CommandText =
            """
            SELECT InstanceId, Name, TaskKey, COUNT(*), GROUP_CONCAT(DISTINCT ProcessId)
            FROM Executions GROUP BY InstanceId, Name, TaskKey ORDER BY InstanceId, Name, TaskKey
            """;
        var rows = new List<SideEffectRow>();
        using SqliteDataReader reader = command.ExecuteReader();
        while (reader.Read())
        {
            long[] processes = [.. reader.GetString(4).Split(',').Select(p => long.Parse(p, CultureInfo.InvariantCulture))];
            rows.Add(new SideEffectRow(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetInt32(3), processes));
        }

        return rows;
    }

    /// <summary>How many activity executions process <paramref name="processId"/> recorded.</summary>
    public static long ExecutionsBy(string path, int processId)
    {
        using SqliteConnection connection = Open(path);
        using SqliteCommand command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM Executions WHERE ProcessId = $pid";
        command.Parameters.AddWithValue("$pid", processId);
        return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    /// <summary>How many distinct activity tasks (instance, activity, input) ran at least once, in any process.</summary>
    public static long DistinctTasks(string path)
    {
        using SqliteConnection connection = Open(path);
        using SqliteCommand command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM (SELECT DISTINCT InstanceId, Name, TaskKey FROM Executions)";
        return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    private static SqliteConnection Open(string path)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadWrite, Pooling = false, DefaultTimeout = 30 }.ToString());
        connection.Open();
        return connection;
    }
}
