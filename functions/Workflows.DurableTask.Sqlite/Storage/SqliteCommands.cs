using System.Globalization;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;

namespace Workflows.DurableTask.Sqlite.Storage;

/// <summary>Small conveniences over ADO.NET commands, so that provider code reads as SQL.</summary>
internal static class SqliteCommands
{
    private static readonly ConditionalWeakTable<SqliteConnection, Dictionary<string, PreparedSqliteCommand>> PreparedCommands = new();

    /// <summary>Keeps the commands of this connection prepared between executions (for the writer connection).</summary>
    public static void KeepCommandsPrepared(this SqliteConnection connection) =>
        PreparedCommands.Add(connection, new Dictionary<string, PreparedSqliteCommand>(StringComparer.Ordinal));

    /// <summary>Disposes the prepared commands of a connection.</summary>
    public static void ReleasePreparedCommands(this SqliteConnection connection)
    {
        if (PreparedCommands.TryGetValue(connection, out Dictionary<string, PreparedSqliteCommand>? cache))
        {
            foreach (PreparedSqliteCommand command in cache.Values)
            {
                command.Release();
            }

            cache.Clear();
        }
    }

    public static SqliteCommand Command(this SqliteConnection connection, SqliteTransaction? tx, string sql, params (string Name, object? Value)[] parameters)
    {
        SqliteCommand command;
        if (PreparedCommands.TryGetValue(connection, out Dictionary<string, PreparedSqliteCommand>? cache))
        {
            if (!cache.TryGetValue(sql, out PreparedSqliteCommand? prepared))
            {
                prepared = new PreparedSqliteCommand { Connection = connection, CommandText = sql };
                cache[sql] = prepared;
            }

            prepared.Parameters.Clear();
            command = prepared;
        }
        else
        {
            command = connection.CreateCommand();
            command.CommandText = sql;
        }

        command.Transaction = tx;
        foreach ((string name, object? value) in parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        return command;
    }

    public static int Execute(this SqliteConnection connection, SqliteTransaction? tx, string sql, params (string Name, object? Value)[] parameters)
    {
        using SqliteCommand command = connection.Command(tx, sql, parameters);
        return command.ExecuteNonQuery();
    }

    public static long? ScalarInt64(this SqliteConnection connection, SqliteTransaction? tx, string sql, params (string Name, object? Value)[] parameters)
    {
        using SqliteCommand command = connection.Command(tx, sql, parameters);
        object? value = command.ExecuteScalar();
        return value is null or DBNull ? null : Convert.ToInt64(value, CultureInfo.InvariantCulture);
    }

    public static string? ScalarString(this SqliteConnection connection, SqliteTransaction? tx, string sql, params (string Name, object? Value)[] parameters)
    {
        using SqliteCommand command = connection.Command(tx, sql, parameters);
        object? value = command.ExecuteScalar();
        return value is null or DBNull ? null : Convert.ToString(value, CultureInfo.InvariantCulture);
    }

    public static string? GetNullableString(this SqliteDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    public static long? GetNullableInt64(this SqliteDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : reader.GetInt64(ordinal);

    /// <summary>Times are stored as UTC ticks.</summary>
    public static long ToTicks(this DateTime time) => time.Kind == DateTimeKind.Local ? time.ToUniversalTime().Ticks : time.Ticks;

    public static DateTime ToUtc(long ticks) => new(ticks, DateTimeKind.Utc);

    public static DateTime? ToUtc(long? ticks) => ticks is null ? null : new DateTime(ticks.Value, DateTimeKind.Utc);

    /// <summary>A list of integer parameters for an IN clause, e.g. <c>($p0, $p1)</c>.</summary>
    public static string InList(string prefix, IReadOnlyList<long> values, List<(string, object?)> parameters)
    {
        var names = new string[values.Count];
        for (int i = 0; i < values.Count; i++)
        {
            names[i] = "$" + prefix + i.ToString(CultureInfo.InvariantCulture);
            parameters.Add((names[i], values[i]));
        }

        return "(" + string.Join(", ", names) + ")";
    }
}
