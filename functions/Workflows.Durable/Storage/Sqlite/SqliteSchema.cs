using Microsoft.Data.Sqlite;

namespace Workflows.Durable.Storage.Sqlite;

/// <summary>The versioned schema of the SQLite store; each migration runs once, in order, in its own transaction.</summary>
internal static class SqliteSchema
{
    /// <summary>Migrations by version. Append only: a released migration is never edited.</summary>
    private static readonly (int Version, string Sql)[] Migrations =
    [
        (1, """
            CREATE TABLE Instances (
                InstanceId TEXT NOT NULL PRIMARY KEY,
                ExecutionId TEXT NOT NULL,
                Name TEXT NOT NULL COLLATE NOCASE,
                Version TEXT,
                RuntimeStatus INTEGER NOT NULL,
                CreatedAt INTEGER NOT NULL,
                LastUpdatedAt INTEGER NOT NULL,
                CompletedAt INTEGER,
                ScheduledStartAt INTEGER,
                Input TEXT,
                InputPayloadId INTEGER,
                Output TEXT,
                OutputPayloadId INTEGER,
                CustomStatus TEXT,
                CustomStatusPayloadId INTEGER,
                FailureDetails TEXT,
                ParentInstanceId TEXT,
                Tags TEXT,
                HistoryLength INTEGER NOT NULL DEFAULT 0,
                LockedBy TEXT,
                LockToken TEXT,
                LockExpiresAt INTEGER
            );
            CREATE INDEX IX_Instances_CreatedAt ON Instances (CreatedAt, InstanceId);
            CREATE INDEX IX_Instances_Status_CreatedAt ON Instances (RuntimeStatus, CreatedAt, InstanceId);
            CREATE INDEX IX_Instances_Name_CreatedAt ON Instances (Name, CreatedAt);
            CREATE INDEX IX_Instances_Parent ON Instances (ParentInstanceId) WHERE ParentInstanceId IS NOT NULL;

            CREATE TABLE History (
                InstanceId TEXT NOT NULL,
                SequenceNumber INTEGER NOT NULL,
                ExecutionId TEXT NOT NULL,
                EventType INTEGER NOT NULL,
                Data TEXT,
                PayloadId INTEGER,
                PRIMARY KEY (InstanceId, SequenceNumber)
            ) WITHOUT ROWID;

            CREATE TABLE Inbox (
                SequenceNumber INTEGER PRIMARY KEY AUTOINCREMENT,
                InstanceId TEXT NOT NULL,
                ExecutionId TEXT,
                VisibleAt INTEGER NOT NULL,
                Data TEXT,
                PayloadId INTEGER
            );
            CREATE INDEX IX_Inbox_VisibleAt ON Inbox (VisibleAt);
            CREATE INDEX IX_Inbox_Instance ON Inbox (InstanceId, SequenceNumber);

            CREATE TABLE Tasks (
                SequenceNumber INTEGER PRIMARY KEY AUTOINCREMENT,
                InstanceId TEXT NOT NULL,
                ExecutionId TEXT NOT NULL,
                TaskId INTEGER NOT NULL,
                Name TEXT NOT NULL,
                Version TEXT,
                Input TEXT,
                PayloadId INTEGER,
                VisibleAt INTEGER NOT NULL,
                LockedBy TEXT,
                LockToken TEXT,
                LockExpiresAt INTEGER,
                DequeueCount INTEGER NOT NULL DEFAULT 0
            );
            CREATE INDEX IX_Tasks_Instance ON Tasks (InstanceId);

            CREATE TABLE Payloads (
                PayloadId INTEGER PRIMARY KEY AUTOINCREMENT,
                InstanceId TEXT NOT NULL,
                Data TEXT NOT NULL
            );
            CREATE INDEX IX_Payloads_Instance ON Payloads (InstanceId);
            """),
        (2, """
            -- The id of the last committed episode: a worker that kept the orchestrator in memory knows it is current.
            ALTER TABLE Instances ADD COLUMN EpisodeId TEXT;
            """),
        (3, """
            -- Keyset paging of the instance list by last update, and by name with the creation time and id as tie-breakers.
            CREATE INDEX IX_Instances_LastUpdatedAt ON Instances (LastUpdatedAt, InstanceId);
            DROP INDEX IX_Instances_Name_CreatedAt;
            CREATE INDEX IX_Instances_Name_CreatedAt_Id ON Instances (Name, CreatedAt, InstanceId);
            """),
    ];

    /// <summary>The newest schema version this code knows.</summary>
    public static int LatestVersion => Migrations[^1].Version;

    /// <summary>Applies the migrations the database lacks. Safe to run from several processes at once.</summary>
    public static void Migrate(SqliteConnection connection)
    {
        Execute(connection, null, "PRAGMA journal_mode=WAL;");
        Execute(connection, null, "CREATE TABLE IF NOT EXISTS SchemaVersions (Version INTEGER PRIMARY KEY, AppliedAt TEXT NOT NULL);");
        foreach ((int version, string sql) in Migrations)
        {
            // BEGIN IMMEDIATE serialises concurrent migrators; the version check inside makes the loser a no-op.
            using SqliteTransaction tx = connection.BeginTransaction(deferred: false);
            using (SqliteCommand check = connection.CreateCommand())
            {
                check.Transaction = tx;
                check.CommandText = "SELECT COUNT(*) FROM SchemaVersions WHERE Version = $v";
                check.Parameters.AddWithValue("$v", version);
                if (Convert.ToInt64(check.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture) > 0)
                {
                    continue;
                }
            }

            Execute(connection, tx, sql);
            using (SqliteCommand record = connection.CreateCommand())
            {
                record.Transaction = tx;
                record.CommandText = "INSERT INTO SchemaVersions (Version, AppliedAt) VALUES ($v, $at)";
                record.Parameters.AddWithValue("$v", version);
                record.Parameters.AddWithValue("$at", DateTimeOffset.UtcNow.ToString("o", System.Globalization.CultureInfo.InvariantCulture));
                record.ExecuteNonQuery();
            }

            tx.Commit();
        }

        using SqliteCommand newest = connection.CreateCommand();
        newest.CommandText = "SELECT MAX(Version) FROM SchemaVersions";
        long found = Convert.ToInt64(newest.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
        if (found > LatestVersion)
        {
            throw new InvalidOperationException(
                $"The database has schema version {found}, newer than this engine's {LatestVersion}. Upgrade the engine before using this database.");
        }
    }

    private static void Execute(SqliteConnection connection, SqliteTransaction? tx, string sql)
    {
        using SqliteCommand command = connection.CreateCommand();
        command.Transaction = tx;
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
