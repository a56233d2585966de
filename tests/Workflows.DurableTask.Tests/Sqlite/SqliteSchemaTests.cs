using Microsoft.Data.Sqlite;
using Workflows.DurableTask.Sqlite;
using Workflows.DurableTask.Sqlite.Schema;

namespace Workflows.DurableTask.Tests.Sqlite;

/// <summary>Migrations and the databases the provider refuses.</summary>
public sealed class SqliteSchemaTests : IDisposable
{
    private readonly SqliteTestFile file = new();

    public void Dispose() => this.file.Dispose();

    [Fact]
    public async Task Fresh_file_is_migrated_to_the_latest_version_in_WAL_mode_once_for_any_number_of_services()
    {
        using (var first = this.Service())
        using (var second = this.Service())
        {
            await Task.WhenAll(first.CreateIfNotExistsAsync(), second.CreateIfNotExistsAsync());
        }

        using SqliteConnection c = this.Open();
        Assert.Equal(SqliteSchema.LatestVersion, Scalar(c, $"SELECT MAX(Version) FROM {SqliteSchema.VersionTable}"));
        Assert.Equal(SqliteSchema.LatestVersion, Scalar(c, $"SELECT COUNT(*) FROM {SqliteSchema.VersionTable}"));
        using SqliteCommand mode = c.CreateCommand();
        mode.CommandText = "PRAGMA journal_mode";
        Assert.Equal("wal", (string?)mode.ExecuteScalar());
        foreach (string table in new[] { "Instances", "History", "Messages", "Tasks", "Payloads" })
        {
            Assert.Equal(1, Scalar(c, $"SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = '{table}'"));
        }

        // Version 3 dropped the per-instance index of Tasks (written twice by every activity, read by no hot query).
        Assert.Equal(0, Scalar(c, "SELECT COUNT(*) FROM sqlite_master WHERE type = 'index' AND name = 'IX_Tasks_Instance'"));
        Assert.Equal(1, Scalar(c, "SELECT COUNT(*) FROM sqlite_master WHERE type = 'index' AND name = 'IX_Messages_Instance'"));
    }

    [Fact]
    public async Task Database_newer_than_the_code_is_refused()
    {
        using (var service = this.Service())
        {
            await service.CreateIfNotExistsAsync();
        }

        using (SqliteConnection c = this.Open())
        {
            Execute(c, $"INSERT INTO {SqliteSchema.VersionTable} (Version, AppliedTime) VALUES ({SqliteSchema.LatestVersion + 1}, 'later')");
        }

        using var newer = this.Service();
        InvalidOperationException error = await Assert.ThrowsAsync<InvalidOperationException>(() => newer.CreateIfNotExistsAsync());
        Assert.Contains("newer than this provider", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Database_of_the_old_engine_is_refused_with_a_message_that_says_so_and_is_left_untouched()
    {
        using (SqliteConnection c = this.Open())
        {
            // The old engine's tables, as its SqliteSchema created them (abridged).
            Execute(c, """
                CREATE TABLE SchemaVersions (Version INTEGER PRIMARY KEY, AppliedAt TEXT NOT NULL);
                INSERT INTO SchemaVersions VALUES (1, 'then'), (2, 'then'), (3, 'then');
                CREATE TABLE Instances (InstanceId TEXT NOT NULL PRIMARY KEY, ExecutionId TEXT NOT NULL, EpisodeId TEXT);
                CREATE TABLE Inbox (SequenceNumber INTEGER PRIMARY KEY AUTOINCREMENT, InstanceId TEXT NOT NULL);
                INSERT INTO Instances VALUES ('old-1', 'x', NULL);
                """);
        }

        using var service = this.Service();
        InvalidOperationException error = await Assert.ThrowsAsync<InvalidOperationException>(() => service.CreateIfNotExistsAsync());
        Assert.Contains("old Workflows.Durable engine", error.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<InvalidOperationException>(() => service.GetOrchestrationStateAsync("old-1", allExecutions: false));

        using SqliteConnection check = this.Open();
        Assert.Equal(0, Scalar(check, $"SELECT COUNT(*) FROM sqlite_master WHERE name = '{SqliteSchema.VersionTable}'"));
        Assert.Equal(1, Scalar(check, "SELECT COUNT(*) FROM Instances"));
        using SqliteCommand mode = check.CreateCommand();
        mode.CommandText = "PRAGMA journal_mode";
        Assert.Equal("delete", (string?)mode.ExecuteScalar());
    }

    [Fact]
    public async Task Database_of_another_task_hub_is_refused()
    {
        using (var service = this.Service("hub-a"))
        {
            await service.CreateIfNotExistsAsync();
        }

        using var other = this.Service("hub-b");
        InvalidOperationException error = await Assert.ThrowsAsync<InvalidOperationException>(() => other.CreateIfNotExistsAsync());
        Assert.Contains("'hub-a'", error.Message, StringComparison.Ordinal);
    }

    private SqliteOrchestrationService Service(string hub = "default") =>
        new(new SqliteOrchestrationServiceSettings { ConnectionString = this.file.ConnectionString, TaskHubName = hub });

    private SqliteConnection Open()
    {
        var c = new SqliteConnection(this.file.ConnectionString + ";Pooling=False");
        c.Open();
        return c;
    }

    private static void Execute(SqliteConnection c, string sql)
    {
        using SqliteCommand command = c.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static long Scalar(SqliteConnection c, string sql)
    {
        using SqliteCommand command = c.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
