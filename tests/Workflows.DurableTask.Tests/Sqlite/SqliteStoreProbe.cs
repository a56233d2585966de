using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Workflows.DurableTask.Tests.Sqlite;

/// <summary>Reads the provider's tables directly, for tests of its exact SQL effects.</summary>
public sealed class SqliteStoreProbe
{
    private readonly string connectionString;

    public SqliteStoreProbe(SqliteTestFile file) => this.connectionString = file.ConnectionString + ";Pooling=False";

    public long Scalar(string sql, params (string Name, object? Value)[] parameters) =>
        Convert.ToInt64(this.Value(sql, parameters) ?? 0L, CultureInfo.InvariantCulture);

    public object? Value(string sql, params (string Name, object? Value)[] parameters) =>
        this.Run(sql, parameters, command => command.ExecuteScalar() is var result and not DBNull ? result : null);

    public int Execute(string sql, params (string Name, object? Value)[] parameters) =>
        this.Run(sql, parameters, command => command.ExecuteNonQuery());

    private T Run<T>(string sql, (string Name, object? Value)[] parameters, Func<SqliteCommand, T> run)
    {
        using var c = new SqliteConnection(this.connectionString);
        c.Open();
        using SqliteCommand command = c.CreateCommand();
        command.CommandText = sql;
        foreach ((string name, object? value) in parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        return run(command);
    }
}
