using System.Globalization;
using Microsoft.Data.Sqlite;
using Workflows.DurableTask.Sqlite.Storage;

namespace Workflows.DurableTask.Sqlite.Schema;

/// <summary>The versioned schema of the provider; each migration runs once, in order, in its own transaction, and the
/// version table records it. A database newer than this code, one made for another task hub, or one written by the old
/// engine is refused.</summary>
/// <remarks>Times are UTC ticks; statuses are DurableTask.Core <c>OrchestrationStatus</c> values; payloads larger than
/// the inline threshold live in Payloads and are referenced by PayloadId. No foreign keys: messages may arrive for
/// instances before their rows, and purges delete in one statement per table.</remarks>
internal static class SqliteSchema
{
    /// <summary>The table recording applied migrations; its name differs from the old engine's <c>SchemaVersions</c>.</summary>
    public const string VersionTable = "DurableTaskSchemaVersions";

    /// <summary>Migrations by version. Append only: a released migration is never edited.</summary>
    private static readonly (int Version, string Sql)[] Migrations =
    [
        (1, """
            CREATE TABLE TaskHub (
                Name TEXT NOT NULL PRIMARY KEY,
                CreatedTime INTEGER NOT NULL
            );

            CREATE TABLE Instances (
                InstanceId TEXT NOT NULL PRIMARY KEY,
                ExecutionId TEXT NOT NULL,
                Name TEXT NOT NULL COLLATE NOCASE,
                Version TEXT,
                RuntimeStatus INTEGER NOT NULL,
                CreatedTime INTEGER NOT NULL,
                LastUpdatedTime INTEGER NOT NULL,
                CompletedTime INTEGER,
                ScheduledStartTime INTEGER,
                Input TEXT,
                InputPayloadId INTEGER,
                Output TEXT,
                OutputPayloadId INTEGER,
                CustomStatus TEXT,
                CustomStatusPayloadId INTEGER,
                FailureDetails TEXT,
                ParentInstanceId TEXT,
                ParentExecutionId TEXT,
                Tags TEXT,
                Generation INTEGER NOT NULL DEFAULT 0,
                LockedBy TEXT,
                LockToken TEXT,
                LockExpiration INTEGER
            );
            CREATE INDEX IX_Instances_CreatedTime ON Instances (CreatedTime, InstanceId);
            CREATE INDEX IX_Instances_LastUpdatedTime ON Instances (LastUpdatedTime, InstanceId);
            CREATE INDEX IX_Instances_Name ON Instances (Name, CreatedTime, InstanceId);
            CREATE INDEX IX_Instances_Status ON Instances (RuntimeStatus, CreatedTime, InstanceId);

            CREATE TABLE History (
                InstanceId TEXT NOT NULL,
                ExecutionId TEXT NOT NULL,
                SequenceNumber INTEGER NOT NULL,
                EventType INTEGER NOT NULL,
                TaskId INTEGER NOT NULL,
                Timestamp INTEGER NOT NULL,
                Data TEXT,
                PayloadId INTEGER,
                PRIMARY KEY (InstanceId, ExecutionId, SequenceNumber)
            ) WITHOUT ROWID;

            CREATE TABLE Messages (
                SequenceNumber INTEGER PRIMARY KEY AUTOINCREMENT,
                InstanceId TEXT NOT NULL,
                ExecutionId TEXT,
                EventType INTEGER NOT NULL,
                VisibleTime INTEGER NOT NULL,
                DequeueCount INTEGER NOT NULL DEFAULT 0,
                Data TEXT,
                PayloadId INTEGER
            );
            CREATE INDEX IX_Messages_Instance ON Messages (InstanceId, VisibleTime);
            CREATE INDEX IX_Messages_VisibleTime ON Messages (VisibleTime);

            CREATE TABLE Tasks (
                SequenceNumber INTEGER PRIMARY KEY AUTOINCREMENT,
                InstanceId TEXT NOT NULL,
                ExecutionId TEXT NOT NULL,
                Name TEXT NOT NULL,
                TaskId INTEGER NOT NULL,
                VisibleTime INTEGER NOT NULL,
                DequeueCount INTEGER NOT NULL DEFAULT 0,
                LockedBy TEXT,
                LockToken TEXT,
                LockExpiration INTEGER,
                Data TEXT,
                PayloadId INTEGER
            );
            CREATE INDEX IX_Tasks_VisibleTime ON Tasks (VisibleTime);
            CREATE INDEX IX_Tasks_Instance ON Tasks (InstanceId);

            CREATE TABLE Payloads (
                PayloadId INTEGER PRIMARY KEY AUTOINCREMENT,
                InstanceId TEXT NOT NULL,
                Data TEXT NOT NULL
            );
            CREATE INDEX IX_Payloads_Instance ON Payloads (InstanceId);
            """),

        // The dashboard's "Running, latest updated first" page scanned every instance of the status (82 ms at 100,000
        // waiting instances in the benchmark's scale run): an index in that order.
        (2, """
            CREATE INDEX IX_Instances_StatusUpdated ON Instances (RuntimeStatus, LastUpdatedTime, InstanceId);
            """),

        // Every activity inserted and deleted an entry of this index at a random page of it, written to the log at each
        // commit; only deletes of whole instances read it, and they scan Tasks, which holds just the pending tasks.
        (3, """
            DROP INDEX IF EXISTS IX_Tasks_Instance;
            """),
    ];

    /// <summary>The newest schema version this code knows.</summary>
    public static int LatestVersion => Migrations[^1].Version;

    /// <summary>Applies the migrations the database lacks and claims or checks the task hub. Safe to run from several
    /// processes at once.</summary>
    /// <exception cref="InvalidOperationException">The database was written by the old engine, by newer code, or for
    /// another task hub.</exception>
    public static void Migrate(SqliteConnection connection, string taskHubName, DateTime now)
    {
        // Checked before anything is written, WAL mode included: a file of the old engine is left exactly as it was.
        RefuseOldEngine(connection, null);
        connection.Execute(null, "PRAGMA journal_mode=WAL;");
        using (SqliteTransaction tx = connection.BeginTransaction(deferred: false))
        {
            RefuseOldEngine(connection, tx);
            connection.Execute(tx, $"CREATE TABLE IF NOT EXISTS {VersionTable} (Version INTEGER PRIMARY KEY, AppliedTime TEXT NOT NULL);");
            tx.Commit();
        }

        long found = connection.ScalarInt64(null, $"SELECT MAX(Version) FROM {VersionTable}") ?? 0;
        if (found > LatestVersion)
        {
            throw new InvalidOperationException(
                $"The database has schema version {found}, newer than this provider's {LatestVersion}. Upgrade the application before using this database.");
        }

        foreach ((int version, string sql) in Migrations)
        {
            // BEGIN IMMEDIATE serialises concurrent migrators; the version check inside makes the loser a no-op.
            using SqliteTransaction tx = connection.BeginTransaction(deferred: false);
            if (connection.ScalarInt64(tx, $"SELECT COUNT(*) FROM {VersionTable} WHERE Version = $v", ("$v", version)) > 0)
            {
                continue;
            }

            connection.Execute(tx, sql);
            connection.Execute(
                tx,
                $"INSERT INTO {VersionTable} (Version, AppliedTime) VALUES ($v, $at)",
                ("$v", version),
                ("$at", now.ToString("o", CultureInfo.InvariantCulture)));
            tx.Commit();
        }

        using (SqliteTransaction tx = connection.BeginTransaction(deferred: false))
        {
            connection.Execute(tx, "INSERT OR IGNORE INTO TaskHub (Name, CreatedTime) VALUES ($name, $now)", ("$name", taskHubName), ("$now", now.Ticks));
            string? hub = connection.ScalarString(tx, "SELECT Name FROM TaskHub LIMIT 1");
            if (!string.Equals(hub, taskHubName, StringComparison.Ordinal))
            {
                throw new InvalidOperationException(
                    $"The database holds task hub '{hub}', not '{taskHubName}'. One SQLite file holds one task hub: use another file for this hub.");
            }

            tx.Commit();
        }
    }

    /// <summary>The old engine (Workflows.Durable) kept its versions in <c>SchemaVersions</c> and its messages in
    /// <c>Inbox</c>; its rows mean nothing to DurableTask.Core, so such a file is never reused.</summary>
    private static void RefuseOldEngine(SqliteConnection connection, SqliteTransaction? tx)
    {
        long oldTables = connection.ScalarInt64(
            tx,
            "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name IN ('SchemaVersions', 'Inbox')") ?? 0;
        if (oldTables > 0)
        {
            throw new InvalidOperationException(
                "The database was written by the old Workflows.Durable engine (it has that engine's SchemaVersions/Inbox tables). "
                + "The DurableTask provider does not reuse it: finish or purge its instances with the old release, then point "
                + "the connection string at a new file.");
        }
    }
}
