using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Workflows.Durable.Client;

namespace Workflows.Durable.Storage.Sqlite;

/// <summary>The embedded store: one SQLite file in WAL mode, safe to share between processes.</summary>
/// <remarks>All writes of this process go through one connection, one transaction at a time (SQLite has a single
/// writer anyway); other processes are serialised by SQLite's file lock. Reads use pooled connections and never block
/// writers. Orchestration time (visibility of timers, created times) comes from the injected clock; lock leases use the
/// real clock, because they measure whether a worker is alive.</remarks>
public sealed partial class SqliteOrchestrationStore : IOrchestrationStore, IDisposable
{
    private const int Running = (int)OrchestrationRuntimeStatus.Running;
    private const int Pending = (int)OrchestrationRuntimeStatus.Pending;
    private const int Suspended = (int)OrchestrationRuntimeStatus.Suspended;
    private const string TerminalStatuses = "(1, 3, 5)";
    private const string LiveStatuses = "(0, 6, 7)";
    private static readonly TimeSpan UnreadableMessageDelay = TimeSpan.FromMinutes(1);
    private static readonly string[] InstanceTables = ["History", "Inbox", "Tasks", "Payloads", "Instances"];

    private readonly SqliteStoreOptions options;
    private readonly TimeProvider clock;
    private readonly TimeProvider leaseClock = TimeProvider.System;
    private readonly string connectionString;
    private readonly SemaphoreSlim initLock = new(1, 1);
    private readonly string workerId;
    private SqliteConnection? writer;
    private SqliteWriteBatcher? batcher;
    private volatile bool initialized;
    private int orchestrationWorkWritten;
    private int activityWorkWritten;

    /// <summary>Creates the store; the schema is created or upgraded on first use.</summary>
    public SqliteOrchestrationStore(SqliteStoreOptions options, TimeProvider? clock = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        this.options = options;
        this.clock = clock ?? TimeProvider.System;
        var builder = new SqliteConnectionStringBuilder(options.ConnectionString) { Pooling = true };
        if (string.IsNullOrEmpty(builder.DataSource))
        {
            throw new ArgumentException("The SQLite connection string needs a Data Source.", nameof(options));
        }

        if (builder.DataSource == ":memory:" || builder.Mode == SqliteOpenMode.Memory)
        {
            // Each pooled connection would see its own empty database, and nothing would survive a restart.
            throw new ArgumentException("The SQLite store needs a file: an in-memory database is not durable.", nameof(options));
        }

        this.connectionString = builder.ToString();
        this.workerId = options.WorkerId ?? $"{Environment.MachineName}:{Environment.ProcessId}";
    }

    /// <inheritdoc/>
    public event Action? WorkAvailable;

    /// <inheritdoc/>
    public event Action<string>? InstanceChanged;

    /// <summary>Raised when an instance has inbox messages this code cannot read; they are retried a minute later.</summary>
    public event Action<string, int>? UnreadableMessage;

    /// <summary>The data source of the connection string.</summary>
    public string DataSource => new SqliteConnectionStringBuilder(this.connectionString).DataSource;

    /// <inheritdoc/>
    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        if (this.initialized)
        {
            return;
        }

        await this.initLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (this.initialized)
            {
                return;
            }

            string? folder = Path.GetDirectoryName(Path.GetFullPath(this.DataSource));
            if (!string.IsNullOrEmpty(folder))
            {
                Directory.CreateDirectory(folder);
            }

            var connection = new SqliteConnection(this.connectionString);
            try
            {
                connection.Open();
                SqliteSchema.Migrate(connection);

                // NORMAL is durable against process crashes in WAL mode (the WAL is written before commit returns);
                // only an OS crash or power loss can lose the last commits.
                connection.Execute(null, "PRAGMA synchronous=NORMAL;");
                connection.Execute(null, "PRAGMA busy_timeout=30000;");
            }
            catch
            {
                connection.Dispose();
                throw;
            }

            connection.KeepCommandsPrepared();
            this.writer = connection;
            this.batcher = new SqliteWriteBatcher(connection);
            this.initialized = true;
        }
        finally
        {
            this.initLock.Release();
        }
    }

    /// <inheritdoc/>
    public async Task CreateInstanceAsync(NewOrchestrationInstance instance, IReadOnlyCollection<OrchestrationRuntimeStatus> dedupeStatuses, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(instance);
        ArgumentNullException.ThrowIfNull(dedupeStatuses);
        await this.WriteAsync(
            (c, tx) =>
            {
                long? existing = c.ScalarInt64(tx, "SELECT RuntimeStatus FROM Instances WHERE InstanceId = $id", ("$id", instance.InstanceId));
                if (existing is { } status)
                {
                    if (dedupeStatuses.Contains((OrchestrationRuntimeStatus)status))
                    {
                        throw new OrchestrationAlreadyExistsException(
                            $"An orchestration with instance ID '{instance.InstanceId}' already exists and is {(OrchestrationRuntimeStatus)status}.");
                    }

                    DeleteInstanceRows(c, tx, instance.InstanceId);
                }

                this.InsertInstance(c, tx, instance, parentInstanceId: null);
                return true;
            },
            cancellationToken).ConfigureAwait(false);
        this.OnWorkWritten();
        this.InstanceChanged?.Invoke(instance.InstanceId);
    }

    /// <inheritdoc/>
    public async Task<bool> SendMessageAsync(string instanceId, HistoryEvent message, DateTimeOffset? visibleAt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        bool sent = await this.WriteAsync(
            (c, tx) =>
            {
                using SqliteCommand read = c.Command(tx, "SELECT RuntimeStatus, ScheduledStartAt FROM Instances WHERE InstanceId = $id", ("$id", instanceId));
                using SqliteDataReader r = read.ExecuteReader();
                if (!r.Read())
                {
                    return false;
                }

                int status = r.GetInt32(0);
                long? startAt = r.GetNullableInt64(1);
                r.Close();
                if (status is 1 or 3 or 5)
                {
                    return false;
                }

                long now = this.Now();
                long visible = Math.Max(now, visibleAt?.UtcTicks ?? now);

                // An event for an instance whose start is scheduled later waits for the start, so it is never seen first.
                if (status == Pending && startAt is { } start && message.EventType == HistoryEventType.EventRaised)
                {
                    visible = Math.Max(visible, start);
                }

                this.InsertInboxMessage(c, tx, instanceId, null, message, visible);
                return true;
            },
            cancellationToken).ConfigureAwait(false);
        if (sent)
        {
            this.OnWorkWritten();
        }

        return sent;
    }

    /// <inheritdoc/>
    public async Task<IReadOnlyList<OrchestrationWorkItem>> LockNextOrchestrationsAsync(int maxCount, CancellationToken cancellationToken)
    {
        // Idle polls look first on a reader, so that they never queue behind, or hold up, real writes. After this process
        // wrote work itself there is no need to look.
        bool any = Interlocked.Exchange(ref this.orchestrationWorkWritten, 0) == 1 || await this.ReadAsync(
            c => c.ScalarInt64(
                null,
                """
                SELECT 1 FROM Inbox m JOIN Instances i ON i.InstanceId = m.InstanceId
                WHERE m.VisibleAt <= $now AND (i.LockExpiresAt IS NULL OR i.LockExpiresAt < $lease) LIMIT 1
                """,
                ("$now", this.Now()),
                ("$lease", this.LeaseNow())) is not null,
            cancellationToken).ConfigureAwait(false);
        return any ? await this.ClaimOrchestrationsAsync(maxCount, cancellationToken).ConfigureAwait(false) : [];
    }

    /// <inheritdoc/>
    public async Task<IReadOnlyList<ActivityWorkItem>> LockNextActivitiesAsync(int maxCount, CancellationToken cancellationToken)
    {
        bool any = Interlocked.Exchange(ref this.activityWorkWritten, 0) == 1 || await this.ReadAsync(
            c => c.ScalarInt64(
                null,
                "SELECT 1 FROM Tasks WHERE VisibleAt <= $now AND (LockExpiresAt IS NULL OR LockExpiresAt < $lease) LIMIT 1",
                ("$now", this.Now()),
                ("$lease", this.LeaseNow())) is not null,
            cancellationToken).ConfigureAwait(false);
        return any ? await this.ClaimActivitiesAsync(maxCount, cancellationToken).ConfigureAwait(false) : [];
    }

    private Task<IReadOnlyList<OrchestrationWorkItem>> ClaimOrchestrationsAsync(int maxCount, CancellationToken cancellationToken) =>
        this.WriteAsync<IReadOnlyList<OrchestrationWorkItem>>(
            (c, tx) =>
            {
                long now = this.Now();
                long leaseNow = this.LeaseNow();
                var candidates = new List<(string Id, string ExecutionId, string Name, int Status, int HistoryLength, string? EpisodeId)>();
                var seen = new HashSet<string>(StringComparer.Ordinal);

                // Walk the visible messages in the order they became visible and stop once enough instances are found:
                // the cost follows the batch size, not the backlog or the number of timers waiting in the future.
                using (SqliteCommand pick = c.Command(
                    tx,
                    """
                    SELECT i.InstanceId, i.ExecutionId, i.Name, i.RuntimeStatus, i.HistoryLength, i.EpisodeId
                    FROM Inbox m INDEXED BY IX_Inbox_VisibleAt
                    JOIN Instances i ON i.InstanceId = m.InstanceId
                    WHERE m.VisibleAt <= $now AND (i.LockExpiresAt IS NULL OR i.LockExpiresAt < $lease)
                    ORDER BY m.VisibleAt, m.SequenceNumber
                    LIMIT $scan
                    """,
                    ("$now", now),
                    ("$lease", leaseNow),
                    ("$scan", Math.Max(64, maxCount * 16))))
                using (SqliteDataReader r = pick.ExecuteReader())
                {
                    while (candidates.Count < maxCount && r.Read())
                    {
                        if (seen.Add(r.GetString(0)))
                        {
                            candidates.Add((r.GetString(0), r.GetString(1), r.GetString(2), r.GetInt32(3), r.GetInt32(4), r.GetNullableString(5)));
                        }
                    }
                }

                var items = new List<OrchestrationWorkItem>(candidates.Count);
                string token = Guid.NewGuid().ToString("N");
                long expires = leaseNow + this.options.LockTimeout.Ticks;
                foreach (var candidate in candidates)
                {
                    var messages = new List<InboxMessage>();
                    var stale = new List<long>();
                    var unreadable = new List<long>();
                    using (SqliteCommand read = c.Command(
                        tx,
                        """
                        SELECT m.SequenceNumber, m.ExecutionId, COALESCE(m.Data, p.Data)
                        FROM Inbox m LEFT JOIN Payloads p ON p.PayloadId = m.PayloadId
                        WHERE m.InstanceId = $id AND m.VisibleAt <= $now
                        ORDER BY m.SequenceNumber
                        LIMIT $max
                        """,
                        ("$id", candidate.Id),
                        ("$now", now),
                        ("$max", this.options.MaxMessagesPerEpisode)))
                    using (SqliteDataReader r = read.ExecuteReader())
                    {
                        while (r.Read())
                        {
                            long sequence = r.GetInt64(0);
                            string? executionId = r.GetNullableString(1);
                            bool terminal = candidate.Status is 1 or 3 or 5;
                            if (terminal || (executionId is not null && executionId != candidate.ExecutionId))
                            {
                                stale.Add(sequence);
                                continue;
                            }

                            if (TryReadMessage(r.GetString(2)) is { } message)
                            {
                                messages.Add(new InboxMessage(sequence, message));
                            }
                            else
                            {
                                unreadable.Add(sequence);
                            }
                        }
                    }

                    DeleteInboxMessages(c, tx, stale);
                    if (unreadable.Count > 0)
                    {
                        // A message this code cannot read (written by a newer version, or damaged) must not block the
                        // other instances; the instance waits, and is retried later, untouched. It is held with a lock no
                        // work item owns: delaying only the unreadable message would let later messages overtake it.
                        c.Execute(
                            tx,
                            "UPDATE Instances SET LockedBy = $owner, LockToken = NULL, LockExpiresAt = $until WHERE InstanceId = $id",
                            ("$owner", this.workerId),
                            ("$until", leaseNow + UnreadableMessageDelay.Ticks),
                            ("$id", candidate.Id));

                        this.UnreadableMessage?.Invoke(candidate.Id, unreadable.Count);
                        continue;
                    }

                    if (messages.Count == 0)
                    {
                        continue;
                    }

                    c.Execute(
                        tx,
                        "UPDATE Instances SET LockedBy = $owner, LockToken = $token, LockExpiresAt = $exp WHERE InstanceId = $id",
                        ("$owner", this.workerId),
                        ("$token", token),
                        ("$exp", expires),
                        ("$id", candidate.Id));
                    items.Add(new OrchestrationWorkItem
                    {
                        InstanceId = candidate.Id,
                        ExecutionId = candidate.ExecutionId,
                        Name = candidate.Name,
                        RuntimeStatus = (OrchestrationRuntimeStatus)candidate.Status,
                        HistoryLength = candidate.HistoryLength,
                        LastEpisodeId = candidate.EpisodeId,
                        Messages = messages,
                        Lock = new WorkLock(this.workerId, token, SqliteCommands.ToTime(expires)),
                    });
                }

                return items;
            },
            cancellationToken);

    /// <inheritdoc/>
    public Task<IReadOnlyList<HistoryEvent>> ReadHistoryAsync(string instanceId, int fromSequence, CancellationToken cancellationToken) =>
        this.ReadAsync<IReadOnlyList<HistoryEvent>>(c => ReadHistory(c, instanceId, fromSequence), cancellationToken);

    /// <inheritdoc/>
    public async Task<IReadOnlyList<ActivityWorkItem>> CompleteOrchestrationAsync(OrchestrationWorkItem workItem, OrchestrationCheckpoint checkpoint, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(workItem);
        ArgumentNullException.ThrowIfNull(checkpoint);
        IReadOnlyList<ActivityWorkItem> claimed = await this.WriteAsync(
            (c, tx) => this.Checkpoint(c, tx, workItem, checkpoint),
            cancellationToken).ConfigureAwait(false);
        if (checkpoint.NewActivities.Count > 0 || checkpoint.NewMessages.Count > 0 || checkpoint.NewSubOrchestrations.Count > 0 || checkpoint.ContinueAsNew is not null)
        {
            this.OnWorkWritten();
        }

        this.InstanceChanged?.Invoke(workItem.InstanceId);
        return claimed;
    }

    /// <inheritdoc/>
    public Task AbandonOrchestrationAsync(OrchestrationWorkItem workItem, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(workItem);
        return this.WriteAsync(
            (c, tx) => c.Execute(
                tx,
                "UPDATE Instances SET LockedBy = NULL, LockToken = NULL, LockExpiresAt = NULL WHERE InstanceId = $id AND LockToken = $token",
                ("$id", workItem.InstanceId),
                ("$token", workItem.Lock.Token)),
            cancellationToken);
    }

    private Task<IReadOnlyList<ActivityWorkItem>> ClaimActivitiesAsync(int maxCount, CancellationToken cancellationToken) =>
        this.WriteAsync<IReadOnlyList<ActivityWorkItem>>(
            (c, tx) =>
            {
                long leaseNow = this.LeaseNow();
                long expires = leaseNow + this.options.LockTimeout.Ticks;
                string token = Guid.NewGuid().ToString("N");
                var items = new List<ActivityWorkItem>();
                var payloadIds = new Dictionary<long, long>();
                using (SqliteCommand claim = c.Command(
                    tx,
                    """
                    UPDATE Tasks SET LockedBy = $owner, LockToken = $token, LockExpiresAt = $exp, DequeueCount = DequeueCount + 1
                    WHERE SequenceNumber IN (
                        SELECT SequenceNumber FROM Tasks
                        WHERE VisibleAt <= $now AND (LockExpiresAt IS NULL OR LockExpiresAt < $lease)
                        ORDER BY SequenceNumber LIMIT $n)
                    RETURNING SequenceNumber, InstanceId, ExecutionId, TaskId, Name, Version, Input, PayloadId, DequeueCount
                    """,
                    ("$owner", this.workerId),
                    ("$token", token),
                    ("$exp", expires),
                    ("$now", this.Now()),
                    ("$lease", leaseNow),
                    ("$n", maxCount)))
                using (SqliteDataReader r = claim.ExecuteReader())
                {
                    while (r.Read())
                    {
                        long sequence = r.GetInt64(0);
                        if (r.GetNullableInt64(7) is { } payloadId)
                        {
                            payloadIds[sequence] = payloadId;
                        }

                        items.Add(new ActivityWorkItem
                        {
                            SequenceNumber = sequence,
                            InstanceId = r.GetString(1),
                            ExecutionId = r.GetString(2),
                            TaskId = r.GetInt32(3),
                            Name = r.GetString(4),
                            Version = r.GetNullableString(5),
                            Input = r.GetNullableString(6),
                            DequeueCount = r.GetInt32(8),
                            Lock = new WorkLock(this.workerId, token, SqliteCommands.ToTime(expires)),
                        });
                    }
                }

                if (payloadIds.Count == 0)
                {
                    return items;
                }

                return items.Select(item => payloadIds.TryGetValue(item.SequenceNumber, out long id)
                    ? new ActivityWorkItem
                    {
                        SequenceNumber = item.SequenceNumber,
                        InstanceId = item.InstanceId,
                        ExecutionId = item.ExecutionId,
                        TaskId = item.TaskId,
                        Name = item.Name,
                        Version = item.Version,
                        Input = ReadPayload(c, tx, id),
                        DequeueCount = item.DequeueCount,
                        Lock = item.Lock,
                    }
                    : item).ToList();
            },
            cancellationToken);

    /// <inheritdoc/>
    public async Task<IReadOnlyList<bool>> CompleteActivitiesAsync(IReadOnlyList<(ActivityWorkItem WorkItem, HistoryEvent Result)> results, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(results);
        bool[] accepted = await this.WriteAsync(
            (c, tx) =>
            {
                long leaseNow = this.LeaseNow();
                long now = this.Now();
                var outcome = new bool[results.Count];
                for (int i = 0; i < results.Count; i++)
                {
                    (ActivityWorkItem item, HistoryEvent result) = results[i];
                    long? payloadId = c.ScalarInt64(
                        tx,
                        "DELETE FROM Tasks WHERE SequenceNumber = $s AND LockToken = $token AND LockExpiresAt >= $lease RETURNING COALESCE(PayloadId, -1)",
                        ("$s", item.SequenceNumber),
                        ("$token", item.Lock.Token),
                        ("$lease", leaseNow));
                    if (payloadId is null)
                    {
                        continue;
                    }

                    if (payloadId >= 0)
                    {
                        c.Execute(tx, "DELETE FROM Payloads WHERE PayloadId = $p", ("$p", payloadId));
                    }

                    outcome[i] = true;
                    long? live = c.ScalarInt64(
                        tx,
                        $"SELECT 1 FROM Instances WHERE InstanceId = $id AND ExecutionId = $e AND RuntimeStatus IN {LiveStatuses}",
                        ("$id", item.InstanceId),
                        ("$e", item.ExecutionId));
                    if (live is not null)
                    {
                        this.InsertInboxMessage(c, tx, item.InstanceId, item.ExecutionId, result, now);
                    }
                }

                return outcome;
            },
            cancellationToken).ConfigureAwait(false);
        if (accepted.Any(a => a))
        {
            this.OnWorkWritten();
        }

        return accepted;
    }

    /// <inheritdoc/>
    public Task<IReadOnlyList<ActivityWorkItem>> RenewActivityLocksAsync(IReadOnlyList<ActivityWorkItem> workItems, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(workItems);
        return this.WriteAsync<IReadOnlyList<ActivityWorkItem>>(
            (c, tx) =>
            {
                long expires = this.LeaseNow() + this.options.LockTimeout.Ticks;
                var held = new List<ActivityWorkItem>();
                foreach (ActivityWorkItem item in workItems)
                {
                    int changed = c.Execute(
                        tx,
                        "UPDATE Tasks SET LockExpiresAt = $exp WHERE SequenceNumber = $s AND LockToken = $token",
                        ("$exp", expires),
                        ("$s", item.SequenceNumber),
                        ("$token", item.Lock.Token));
                    if (changed == 1)
                    {
                        item.Lock = item.Lock with { ExpiresAt = SqliteCommands.ToTime(expires) };
                        held.Add(item);
                    }
                }

                return held;
            },
            cancellationToken);
    }

    /// <inheritdoc/>
    public Task AbandonActivityAsync(ActivityWorkItem workItem, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(workItem);
        return this.WriteAsync(
            (c, tx) => c.Execute(
                tx,
                "UPDATE Tasks SET LockedBy = NULL, LockToken = NULL, LockExpiresAt = NULL WHERE SequenceNumber = $s AND LockToken = $token",
                ("$s", workItem.SequenceNumber),
                ("$token", workItem.Lock.Token)),
            cancellationToken);
    }

    /// <inheritdoc/>
    public Task<WorkBacklog> GetBacklogAsync(CancellationToken cancellationToken) =>
        this.ReadAsync(
            c =>
            {
                long now = this.Now();
                long messages = c.ScalarInt64(null, "SELECT COUNT(*) FROM Inbox WHERE VisibleAt <= $now", ("$now", now)) ?? 0;
                // As the claim sees them: due, and not held under a live lease.
                long tasks = c.ScalarInt64(
                    null,
                    "SELECT COUNT(*) FROM Tasks WHERE VisibleAt <= $now AND (LockExpiresAt IS NULL OR LockExpiresAt < $lease)",
                    ("$now", now),
                    ("$lease", this.LeaseNow())) ?? 0;
                return new WorkBacklog(messages, tasks);
            },
            cancellationToken);

    /// <inheritdoc/>
    public Task<DateTimeOffset?> GetNextWakeTimeAsync(CancellationToken cancellationToken) =>
        this.ReadAsync(
            c =>
            {
                long now = this.Now();
                long? inbox = c.ScalarInt64(null, "SELECT MIN(VisibleAt) FROM Inbox WHERE VisibleAt > $now", ("$now", now));
                long? tasks = c.ScalarInt64(null, "SELECT MIN(VisibleAt) FROM Tasks WHERE VisibleAt > $now", ("$now", now));
                long? next = inbox is null ? tasks : tasks is null ? inbox : Math.Min(inbox.Value, tasks.Value);
                return SqliteCommands.ToTime(next);
            },
            cancellationToken);

    /// <inheritdoc/>
    public Task<InstanceRecord?> GetInstanceAsync(string instanceId, bool includePayloads, CancellationToken cancellationToken) =>
        this.ReadAsync(
            c =>
            {
                using SqliteCommand command = c.Command(null, SelectInstanceSql(includePayloads) + " WHERE i.InstanceId = $id", ("$id", instanceId));
                using SqliteDataReader r = command.ExecuteReader();
                return r.Read() ? ReadInstance(r, includePayloads) : null;
            },
            cancellationToken);

    /// <inheritdoc/>
    public Task<InstancePage> QueryInstancesAsync(InstanceQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var where = new List<string>();
        var parameters = new List<(string, object?)>();
        AddQueryFilters(query, where, parameters);
        InstanceKeyset keyset = InstanceKeyset.For(query.OrderBy, query.Ascending);
        if (query.ContinuationToken is { } token)
        {
            where.Add(keyset.After(token, parameters));
        }

        int pageSize = Math.Clamp(query.PageSize, 1, 1000);
        var sql = new StringBuilder(SelectInstanceSql(query.IncludePayloads));
        if (where.Count > 0)
        {
            sql.Append(" WHERE ").Append(string.Join(" AND ", where));
        }

        sql.Append(" ORDER BY ").Append(keyset.OrderBySql).Append(" LIMIT $limit");
        parameters.Add(("$limit", pageSize + 1));
        return this.ReadAsync(
            c =>
            {
                using SqliteCommand command = c.Command(null, sql.ToString(), parameters.ToArray());
                using SqliteDataReader r = command.ExecuteReader();
                var records = new List<InstanceRecord>();
                while (r.Read())
                {
                    records.Add(ReadInstance(r, query.IncludePayloads));
                }

                string? next = null;
                if (records.Count > pageSize)
                {
                    records.RemoveAt(records.Count - 1);
                    next = keyset.TokenAfter(records[^1]);
                }

                return new InstancePage(records, next);
            },
            cancellationToken);
    }

    /// <inheritdoc/>
    public Task<IReadOnlyDictionary<OrchestrationRuntimeStatus, long>> CountInstancesAsync(InstanceQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var where = new List<string>();
        var parameters = new List<(string, object?)>();
        AddQueryFilters(query, where, parameters);
        string sql = "SELECT i.RuntimeStatus, COUNT(*) FROM Instances i"
            + (where.Count > 0 ? " WHERE " + string.Join(" AND ", where) : string.Empty)
            + " GROUP BY i.RuntimeStatus";
        return this.ReadAsync<IReadOnlyDictionary<OrchestrationRuntimeStatus, long>>(
            c =>
            {
                using SqliteCommand command = c.Command(null, sql, parameters.ToArray());
                using SqliteDataReader r = command.ExecuteReader();
                var counts = new Dictionary<OrchestrationRuntimeStatus, long>();
                while (r.Read())
                {
                    counts[(OrchestrationRuntimeStatus)r.GetInt32(0)] = r.GetInt64(1);
                }

                return counts;
            },
            cancellationToken);
    }

    /// <inheritdoc/>
    public Task<IReadOnlyList<HistoryEvent>> GetHistoryAsync(string instanceId, CancellationToken cancellationToken) =>
        this.ReadHistoryAsync(instanceId, 0, cancellationToken);

    /// <inheritdoc/>
    public Task<int> PurgeInstanceAsync(string instanceId, bool recursive, CancellationToken cancellationToken) =>
        this.WriteAsync(
            (c, tx) =>
            {
                var toDelete = new List<string>();
                var queue = new Queue<string>();
                queue.Enqueue(instanceId);
                while (queue.TryDequeue(out string? id))
                {
                    long? terminal = c.ScalarInt64(tx, $"SELECT 1 FROM Instances WHERE InstanceId = $id AND RuntimeStatus IN {TerminalStatuses}", ("$id", id));
                    if (terminal is null)
                    {
                        continue;
                    }

                    toDelete.Add(id);
                    if (recursive)
                    {
                        using SqliteCommand children = c.Command(tx, "SELECT InstanceId FROM Instances WHERE ParentInstanceId = $id", ("$id", id));
                        using SqliteDataReader r = children.ExecuteReader();
                        while (r.Read())
                        {
                            queue.Enqueue(r.GetString(0));
                        }
                    }
                }

                foreach (string id in toDelete)
                {
                    DeleteInstanceRows(c, tx, id);
                }

                return toDelete.Count;
            },
            cancellationToken);

    /// <inheritdoc/>
    public Task<int> PurgeInstancesAsync(PurgeFilter filter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        return this.WriteAsync(
            (c, tx) =>
            {
                var where = new List<string>();
                var parameters = new List<(string, object?)>();
                List<OrchestrationRuntimeStatus> statuses = filter.Statuses is { Count: > 0 }
                    ? filter.Statuses.Where(s => s is OrchestrationRuntimeStatus.Completed or OrchestrationRuntimeStatus.Failed or OrchestrationRuntimeStatus.Terminated).ToList()
                    : [OrchestrationRuntimeStatus.Completed, OrchestrationRuntimeStatus.Failed, OrchestrationRuntimeStatus.Terminated];
                if (statuses.Count == 0)
                {
                    return 0;
                }

                AddFilters(filter.CreatedFrom, filter.CreatedTo, statuses, where, parameters);
                string matching = "SELECT i.InstanceId FROM Instances i WHERE " + string.Join(" AND ", where);
                c.Execute(tx, "CREATE TEMP TABLE IF NOT EXISTS PurgeIds (InstanceId TEXT PRIMARY KEY)");
                c.Execute(tx, "DELETE FROM PurgeIds");
                int count = c.Execute(tx, "INSERT INTO PurgeIds " + matching, parameters.ToArray());
                foreach (string table in InstanceTables)
                {
                    c.Execute(tx, $"DELETE FROM {table} WHERE InstanceId IN (SELECT InstanceId FROM PurgeIds)");
                }

                c.Execute(tx, "DELETE FROM PurgeIds");
                return count;
            },
            cancellationToken);
    }

    /// <inheritdoc/>
    public async Task<bool> RewindAsync(string instanceId, string? reason, CancellationToken cancellationToken)
    {
        bool rewound = await this.WriteAsync((c, tx) => this.Rewind(c, tx, instanceId, reason, new HashSet<string>(StringComparer.Ordinal)), cancellationToken).ConfigureAwait(false);
        if (rewound)
        {
            this.OnWorkWritten();
            this.InstanceChanged?.Invoke(instanceId);
        }

        return rewound;
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        this.writer?.ReleasePreparedCommands();
        this.writer?.Dispose();
        this.initLock.Dispose();
    }

    private static void AddFilters(
        DateTimeOffset? from,
        DateTimeOffset? to,
        IReadOnlyCollection<OrchestrationRuntimeStatus>? statuses,
        List<string> where,
        List<(string, object?)> parameters)
    {
        if (from is { } f)
        {
            where.Add("i.CreatedAt >= $from");
            parameters.Add(("$from", f.UtcTicks));
        }

        if (to is { } t)
        {
            where.Add("i.CreatedAt <= $to");
            parameters.Add(("$to", t.UtcTicks));
        }

        if (statuses is { Count: > 0 })
        {
            where.Add($"i.RuntimeStatus IN ({string.Join(", ", statuses.Select(s => ((int)s).ToString(CultureInfo.InvariantCulture)))})");
        }
    }

    private static void AddQueryFilters(InstanceQuery query, List<string> where, List<(string, object?)> parameters)
    {
        AddFilters(query.CreatedFrom, query.CreatedTo, query.Statuses, where, parameters);
        if (!string.IsNullOrEmpty(query.InstanceIdPrefix))
        {
            where.Add("i.InstanceId >= $prefix AND substr(i.InstanceId, 1, length($prefix)) = $prefix");
            parameters.Add(("$prefix", query.InstanceIdPrefix));

            // An upper bound too, so the planner sees a narrow range of the primary key rather than scanning in list order.
            char last = query.InstanceIdPrefix[^1];
            if (last < char.MaxValue && !char.IsSurrogate(last) && !char.IsSurrogate((char)(last + 1)))
            {
                where.Add("i.InstanceId < $prefixEnd");
                parameters.Add(("$prefixEnd", string.Concat(query.InstanceIdPrefix.AsSpan(0, query.InstanceIdPrefix.Length - 1), ((char)(last + 1)).ToString())));
            }
        }

        if (!string.IsNullOrEmpty(query.Name))
        {
            where.Add("i.Name = $name");
            parameters.Add(("$name", query.Name));
        }

        if (!string.IsNullOrEmpty(query.CustomStatusContains))
        {
            // LIKE ignores the case of ASCII letters; the text's own wildcards are escaped so they match literally.
            where.Add(@"COALESCE(i.CustomStatus, (SELECT Data FROM Payloads WHERE PayloadId = i.CustomStatusPayloadId)) LIKE $custom ESCAPE '\'");
            string escaped = query.CustomStatusContains.Replace(@"\", @"\\", StringComparison.Ordinal)
                .Replace("%", @"\%", StringComparison.Ordinal).Replace("_", @"\_", StringComparison.Ordinal);
            parameters.Add(("$custom", "%" + escaped + "%"));
        }
    }

    private static string SelectInstanceSql(bool includePayloads) => includePayloads
        ? """
          SELECT i.InstanceId, i.ExecutionId, i.Name, i.Version, i.RuntimeStatus, i.CreatedAt, i.LastUpdatedAt, i.CompletedAt,
                 i.FailureDetails, i.ParentInstanceId, i.Tags,
                 COALESCE(i.Input, (SELECT Data FROM Payloads WHERE PayloadId = i.InputPayloadId)),
                 COALESCE(i.Output, (SELECT Data FROM Payloads WHERE PayloadId = i.OutputPayloadId)),
                 COALESCE(i.CustomStatus, (SELECT Data FROM Payloads WHERE PayloadId = i.CustomStatusPayloadId))
          FROM Instances i
          """
        : """
          SELECT i.InstanceId, i.ExecutionId, i.Name, i.Version, i.RuntimeStatus, i.CreatedAt, i.LastUpdatedAt, i.CompletedAt,
                 i.FailureDetails, i.ParentInstanceId, i.Tags
          FROM Instances i
          """;

    private static InstanceRecord ReadInstance(SqliteDataReader r, bool includePayloads) => new()
    {
        InstanceId = r.GetString(0),
        ExecutionId = r.GetString(1),
        Name = r.GetString(2),
        Version = r.GetNullableString(3),
        RuntimeStatus = (OrchestrationRuntimeStatus)r.GetInt32(4),
        CreatedAt = SqliteCommands.ToTime(r.GetInt64(5)),
        LastUpdatedAt = SqliteCommands.ToTime(r.GetInt64(6)),
        CompletedAt = SqliteCommands.ToTime(r.GetNullableInt64(7)),
        FailureDetails = HistoryJson.DeserializeFailure(r.GetNullableString(8)),
        ParentInstanceId = r.GetNullableString(9),
        Tags = r.GetNullableString(10) is { } tags ? JsonSerializer.Deserialize(tags, HistoryJson.Default.DictionaryStringString) : null,
        Input = includePayloads ? r.GetNullableString(11) : null,
        Output = includePayloads ? r.GetNullableString(12) : null,
        CustomStatus = includePayloads ? r.GetNullableString(13) : null,
    };

    private static List<HistoryEvent> ReadHistory(SqliteConnection c, string instanceId, int fromSequence, SqliteTransaction? tx = null)
    {
        using SqliteCommand command = c.Command(
            tx,
            """
            SELECT COALESCE(h.Data, p.Data) FROM History h LEFT JOIN Payloads p ON p.PayloadId = h.PayloadId
            WHERE h.InstanceId = $id AND h.SequenceNumber >= $from
            ORDER BY h.SequenceNumber
            """,
            ("$id", instanceId),
            ("$from", fromSequence));
        using SqliteDataReader r = command.ExecuteReader();
        var events = new List<HistoryEvent>();
        while (r.Read())
        {
            events.Add(HistoryJson.DeserializeEvent(r.GetString(0)));
        }

        return events;
    }

    private static HistoryEvent? TryReadMessage(string json)
    {
        try
        {
            return HistoryJson.DeserializeEvent(json);
        }
        catch (Exception ex) when (ex is System.Text.Json.JsonException or NotSupportedException)
        {
            return null;
        }
    }

    private static string? ReadPayload(SqliteConnection c, SqliteTransaction? tx, long payloadId)
    {
        using SqliteCommand command = c.Command(tx, "SELECT Data FROM Payloads WHERE PayloadId = $p", ("$p", payloadId));
        return command.ExecuteScalar() as string;
    }

    private static void DeleteInboxMessages(SqliteConnection c, SqliteTransaction tx, IEnumerable<long> sequenceNumbers)
    {
        using SqliteCommand command = c.Command(
            tx,
            "DELETE FROM Inbox WHERE SequenceNumber = $s RETURNING PayloadId",
            ("$s", 0L));
        var payloads = new List<long>();
        foreach (long sequence in sequenceNumbers)
        {
            command.Parameters["$s"].Value = sequence;
            using SqliteDataReader r = command.ExecuteReader();
            if (r.Read() && !r.IsDBNull(0))
            {
                payloads.Add(r.GetInt64(0));
            }
        }

        foreach (long payload in payloads)
        {
            c.Execute(tx, "DELETE FROM Payloads WHERE PayloadId = $p", ("$p", payload));
        }
    }

    private static void DeleteInstanceRows(SqliteConnection c, SqliteTransaction tx, string instanceId)
    {
        foreach (string table in InstanceTables)
        {
            c.Execute(tx, $"DELETE FROM {table} WHERE InstanceId = $id", ("$id", instanceId));
        }
    }

    private void OnWorkWritten()
    {
        Volatile.Write(ref this.orchestrationWorkWritten, 1);
        Volatile.Write(ref this.activityWorkWritten, 1);
        this.WorkAvailable?.Invoke();
    }

    private long Now() => this.clock.GetUtcNow().UtcTicks;

    private long LeaseNow() => this.leaseClock.GetUtcNow().UtcTicks;

    private (string? Inline, long? PayloadId) StorePayload(SqliteConnection c, SqliteTransaction tx, string instanceId, string? text)
    {
        if (text is null || text.Length <= this.options.PayloadInlineThreshold)
        {
            return (text, null);
        }

        long id = c.ScalarInt64(
            tx,
            "INSERT INTO Payloads (InstanceId, Data) VALUES ($id, $data) RETURNING PayloadId",
            ("$id", instanceId),
            ("$data", text))!.Value;
        return (null, id);
    }

    private void InsertInboxMessage(SqliteConnection c, SqliteTransaction tx, string instanceId, string? executionId, HistoryEvent message, long visibleAt)
    {
        (string? inline, long? payloadId) = this.StorePayload(c, tx, instanceId, HistoryJson.Serialize(message));
        c.Execute(
            tx,
            "INSERT INTO Inbox (InstanceId, ExecutionId, VisibleAt, Data, PayloadId) VALUES ($id, $e, $v, $d, $p)",
            ("$id", instanceId),
            ("$e", executionId),
            ("$v", visibleAt),
            ("$d", inline),
            ("$p", payloadId));
    }

    private void InsertInstance(SqliteConnection c, SqliteTransaction tx, NewOrchestrationInstance instance, string? parentInstanceId)
    {
        long now = this.Now();
        long? startAt = instance.StartAt?.UtcTicks;
        (string? input, long? inputPayload) = this.StorePayload(c, tx, instance.InstanceId, instance.Input);
        c.Execute(
            tx,
            """
            INSERT INTO Instances (InstanceId, ExecutionId, Name, Version, RuntimeStatus, CreatedAt, LastUpdatedAt, ScheduledStartAt,
                                   Input, InputPayloadId, ParentInstanceId, Tags, HistoryLength)
            VALUES ($id, $e, $name, $version, $status, $now, $now, $start, $input, $inputPayload, $parent, $tags, 0)
            """,
            ("$id", instance.InstanceId),
            ("$e", instance.ExecutionStarted.ExecutionId),
            ("$name", instance.Name),
            ("$version", instance.Version),
            ("$status", Pending),
            ("$now", now),
            ("$start", startAt),
            ("$input", input),
            ("$inputPayload", inputPayload),
            ("$parent", parentInstanceId),
            ("$tags", instance.Tags is { Count: > 0 } tags ? JsonSerializer.Serialize(new Dictionary<string, string>(tags), HistoryJson.Default.DictionaryStringString) : null));
        this.InsertInboxMessage(c, tx, instance.InstanceId, instance.ExecutionStarted.ExecutionId, instance.ExecutionStarted, Math.Max(now, startAt ?? now));
    }

    private List<ActivityWorkItem> Checkpoint(SqliteConnection c, SqliteTransaction tx, OrchestrationWorkItem workItem, OrchestrationCheckpoint checkpoint)
    {
        var claimed = new List<ActivityWorkItem>();
        long now = this.Now();
        string id = workItem.InstanceId;
        bool terminal = checkpoint.RuntimeStatus is OrchestrationRuntimeStatus.Completed or OrchestrationRuntimeStatus.Failed or OrchestrationRuntimeStatus.Terminated;

        using (SqliteCommand read = c.Command(
            tx,
            "SELECT OutputPayloadId, CustomStatusPayloadId, InputPayloadId, HistoryLength FROM Instances WHERE InstanceId = $id AND LockToken = $token AND LockExpiresAt >= $lease",
            ("$id", id),
            ("$token", workItem.Lock.Token),
            ("$lease", this.LeaseNow())))
        using (SqliteDataReader r = read.ExecuteReader())
        {
            if (!r.Read())
            {
                throw new LockLostException($"The lock on instance '{id}' was lost before its episode was committed; the episode was discarded.");
            }

            if (r.GetInt32(3) != workItem.HistoryLength)
            {
                throw new LockLostException($"The history of instance '{id}' changed while its episode ran; the episode was discarded.");
            }

            long?[] oldPayloads = [r.GetNullableInt64(0), r.GetNullableInt64(1), checkpoint.ContinueAsNew is not null ? r.GetNullableInt64(2) : null];
            r.Close();
            foreach (long? payload in oldPayloads)
            {
                if (payload is { } p)
                {
                    c.Execute(tx, "DELETE FROM Payloads WHERE PayloadId = $p", ("$p", p));
                }
            }
        }

        (string? customStatus, long? customStatusPayload) = this.StorePayload(c, tx, id, checkpoint.CustomStatus);
        (string? output, long? outputPayload) = this.StorePayload(c, tx, id, checkpoint.Output);
        string executionId = workItem.ExecutionId;
        int historyLength = workItem.HistoryLength;

        if (checkpoint.ContinueAsNew is { } next)
        {
            // The finished execution's history goes; the new one starts from its ExecutionStarted message.
            c.Execute(tx, "DELETE FROM Payloads WHERE PayloadId IN (SELECT PayloadId FROM History WHERE InstanceId = $id AND PayloadId IS NOT NULL)", ("$id", id));
            c.Execute(tx, "DELETE FROM History WHERE InstanceId = $id", ("$id", id));
            (string? input, long? inputPayload) = this.StorePayload(c, tx, id, next.Input);
            c.Execute(
                tx,
                "UPDATE Instances SET ExecutionId = $e, Input = $input, InputPayloadId = $ip, HistoryLength = 0 WHERE InstanceId = $id",
                ("$e", next.ExecutionId),
                ("$input", input),
                ("$ip", inputPayload),
                ("$id", id));
            foreach (HistoryEvent message in next.Messages)
            {
                this.InsertInboxMessage(c, tx, id, next.ExecutionId, message, now);
            }

            executionId = next.ExecutionId;
            historyLength = 0;
        }
        else
        {
            using SqliteCommand insert = c.Command(
                tx,
                "INSERT INTO History (InstanceId, SequenceNumber, ExecutionId, EventType, Data, PayloadId) VALUES ($id, $seq, $e, $type, $data, $p)",
                ("$id", id),
                ("$seq", 0),
                ("$e", executionId),
                ("$type", 0),
                ("$data", null),
                ("$p", null));
            foreach (HistoryEvent e in checkpoint.NewHistory)
            {
                (string? data, long? payload) = this.StorePayload(c, tx, id, HistoryJson.Serialize(e));
                insert.Parameters["$seq"].Value = historyLength++;
                insert.Parameters["$type"].Value = (int)e.EventType;
                insert.Parameters["$data"].Value = (object?)data ?? DBNull.Value;
                insert.Parameters["$p"].Value = (object?)payload ?? DBNull.Value;
                insert.ExecuteNonQuery();
            }
        }

        c.Execute(
            tx,
            """
            UPDATE Instances SET RuntimeStatus = $status, LastUpdatedAt = $now, CompletedAt = $completed,
                CustomStatus = $cs, CustomStatusPayloadId = $csp, Output = $out, OutputPayloadId = $outp,
                FailureDetails = $failure, HistoryLength = $len, EpisodeId = $episode, LockedBy = NULL, LockToken = NULL, LockExpiresAt = NULL
            WHERE InstanceId = $id
            """,
            ("$status", (int)checkpoint.RuntimeStatus),
            ("$now", now),
            ("$completed", terminal ? now : null),
            ("$cs", customStatus),
            ("$csp", customStatusPayload),
            ("$out", output),
            ("$outp", outputPayload),
            ("$failure", HistoryJson.Serialize(checkpoint.FailureDetails)),
            ("$len", historyLength),
            ("$episode", checkpoint.EpisodeId),
            ("$id", id));

        DeleteInboxMessages(c, tx, checkpoint.ConsumedMessages);
        if (checkpoint.ContinueAsNew is not null)
        {
            // Events that arrived while the episode ran are newer than the ones it carried over: move them behind the new
            // execution's first messages, in arrival order, so that it sees its start first and every event in order.
            long last = c.ScalarInt64(tx, "SELECT MAX(SequenceNumber) FROM Inbox") ?? 0;
            const string arrived = "InstanceId = $id AND ExecutionId IS NULL AND SequenceNumber <= $last";
            c.Execute(tx, $"INSERT INTO Inbox (InstanceId, ExecutionId, VisibleAt, Data, PayloadId) SELECT InstanceId, ExecutionId, VisibleAt, Data, PayloadId FROM Inbox WHERE {arrived} ORDER BY SequenceNumber", ("$id", id), ("$last", last));
            c.Execute(tx, $"DELETE FROM Inbox WHERE {arrived}", ("$id", id), ("$last", last));
        }

        if (terminal)
        {
            // A finished instance processes nothing more: drop its pending timers and events, and the activities no
            // worker has started, so that no outside effect (an email) happens after it ended.
            c.Execute(tx, "DELETE FROM Payloads WHERE PayloadId IN (SELECT PayloadId FROM Inbox WHERE InstanceId = $id AND PayloadId IS NOT NULL)", ("$id", id));
            c.Execute(tx, "DELETE FROM Inbox WHERE InstanceId = $id", ("$id", id));
            const string unstarted = "InstanceId = $id AND (LockExpiresAt IS NULL OR LockExpiresAt < $lease)";
            c.Execute(tx, $"DELETE FROM Payloads WHERE PayloadId IN (SELECT PayloadId FROM Tasks WHERE {unstarted} AND PayloadId IS NOT NULL)", ("$id", id), ("$lease", this.LeaseNow()));
            c.Execute(tx, $"DELETE FROM Tasks WHERE {unstarted}", ("$id", id), ("$lease", this.LeaseNow()));
        }

        if (!terminal && checkpoint.ContinueAsNew is null)
        {
            using SqliteCommand insertTask = c.Command(
                tx,
                """
                INSERT INTO Tasks (InstanceId, ExecutionId, TaskId, Name, Version, Input, PayloadId, VisibleAt, LockedBy, LockToken, LockExpiresAt, DequeueCount)
                VALUES ($id, $e, $t, $name, $v, $input, $p, $now, $owner, $token, $exp, $dequeued)
                RETURNING SequenceNumber
                """,
                ("$id", id),
                ("$e", executionId),
                ("$t", 0),
                ("$name", string.Empty),
                ("$v", null),
                ("$input", null),
                ("$p", null),
                ("$now", now),
                ("$owner", null),
                ("$token", null),
                ("$exp", null),
                ("$dequeued", 0));
            string claimToken = Guid.NewGuid().ToString("N");
            long claimExpires = this.LeaseNow() + this.options.LockTimeout.Ticks;
            for (int index = 0; index < checkpoint.NewActivities.Count; index++)
            {
                ActivityRequest activity = checkpoint.NewActivities[index];
                bool claim = index < checkpoint.ClaimActivities;
                insertTask.Parameters["$owner"].Value = claim ? this.workerId : DBNull.Value;
                insertTask.Parameters["$token"].Value = claim ? claimToken : DBNull.Value;
                insertTask.Parameters["$exp"].Value = claim ? claimExpires : DBNull.Value;
                insertTask.Parameters["$dequeued"].Value = claim ? 1 : 0;
                (string? input, long? payload) = this.StorePayload(c, tx, id, activity.Input);
                insertTask.Parameters["$t"].Value = activity.TaskId;
                insertTask.Parameters["$name"].Value = activity.Name;
                insertTask.Parameters["$v"].Value = (object?)activity.Version ?? DBNull.Value;
                insertTask.Parameters["$input"].Value = (object?)input ?? DBNull.Value;
                insertTask.Parameters["$p"].Value = (object?)payload ?? DBNull.Value;
                long sequence = Convert.ToInt64(insertTask.ExecuteScalar(), CultureInfo.InvariantCulture);
                if (claim)
                {
                    claimed.Add(new ActivityWorkItem
                    {
                        SequenceNumber = sequence,
                        InstanceId = id,
                        ExecutionId = executionId,
                        TaskId = activity.TaskId,
                        Name = activity.Name,
                        Version = activity.Version,
                        Input = activity.Input,
                        DequeueCount = 1,
                        Lock = new WorkLock(this.workerId, claimToken, SqliteCommands.ToTime(claimExpires)),
                    });
                }
            }

            foreach (SubOrchestrationRequest sub in checkpoint.NewSubOrchestrations)
            {
                this.CreateSubOrchestration(c, tx, id, executionId, sub, now);
            }
        }

        foreach (OutgoingMessage message in checkpoint.NewMessages)
        {
            long visible = Math.Max(now, message.VisibleAt?.UtcTicks ?? now);
            if (message.TargetInstanceId == id)
            {
                if (!terminal)
                {
                    this.InsertInboxMessage(c, tx, id, message.TargetExecutionId ?? executionId, message.Event, visible);
                }

                continue;
            }

            long? live = c.ScalarInt64(
                tx,
                $"SELECT 1 FROM Instances WHERE InstanceId = $id AND RuntimeStatus IN {LiveStatuses} AND ($e IS NULL OR ExecutionId = $e)",
                ("$id", message.TargetInstanceId),
                ("$e", message.TargetExecutionId));
            if (live is not null)
            {
                this.InsertInboxMessage(c, tx, message.TargetInstanceId, message.TargetExecutionId, message.Event, visible);
            }
        }

        return claimed;
    }

    private void CreateSubOrchestration(SqliteConnection c, SqliteTransaction tx, string parentId, string parentExecutionId, SubOrchestrationRequest sub, long now)
    {
        string childId = sub.Instance.InstanceId;
        long? status = c.ScalarInt64(tx, "SELECT RuntimeStatus FROM Instances WHERE InstanceId = $id", ("$id", childId));
        if (status is Running or Pending or Suspended)
        {
            var failure = new HistoryEvent
            {
                EventType = HistoryEventType.SubOrchestrationInstanceFailed,
                TaskScheduledId = sub.ParentTaskId,
                Timestamp = SqliteCommands.ToTime(now).UtcDateTime,
                FailureDetails = new TaskFailureDetails(
                    typeof(OrchestrationAlreadyExistsException).FullName!,
                    $"An orchestration with instance ID '{childId}' already exists and is {(OrchestrationRuntimeStatus)status}.",
                    null,
                    null,
                    null),
            };
            this.InsertInboxMessage(c, tx, parentId, parentExecutionId, failure, now);
            return;
        }

        if (status is not null)
        {
            DeleteInstanceRows(c, tx, childId);
        }

        this.InsertInstance(c, tx, sub.Instance, parentId);
    }

    private async Task<T> WriteAsync<T>(Func<SqliteConnection, SqliteTransaction, T> work, CancellationToken cancellationToken)
    {
        await this.InitializeAsync(cancellationToken).ConfigureAwait(false);
        return await this.batcher!.WriteAsync(work).ConfigureAwait(false);
    }

    private async Task<T> ReadAsync<T>(Func<SqliteConnection, T> work, CancellationToken cancellationToken)
    {
        await this.InitializeAsync(cancellationToken).ConfigureAwait(false);
        using var connection = new SqliteConnection(this.connectionString);
        connection.Open();
        return work(connection);
    }
}
