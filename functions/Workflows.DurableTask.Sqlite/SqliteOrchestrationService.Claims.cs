using System.Collections.Concurrent;
using System.Globalization;
using DurableTask.Core;
using DurableTask.Core.History;
using Microsoft.Data.Sqlite;
using Workflows.DurableTask.Sqlite.Locking;
using Workflows.DurableTask.Sqlite.Storage;

namespace Workflows.DurableTask.Sqlite;

/// <summary>Claims: one transaction locks as many due instances (or tasks) as this process has free slots, and the work
/// items beyond the first wait here for the dispatcher's next calls. DurableTask.Core fetches work items one at a time
/// from one loop per dispatcher, so one claim per work item made the single writer's round trip the ceiling of the
/// whole worker. Everything a claim does not need to write (parsing JSON, reading the history) happens after its
/// commit, off the writer.</summary>
public sealed partial class SqliteOrchestrationService
{
    /// <summary>At most this many work items per claim, so one process does not hold a large share of a shared file's
    /// work while others idle.</summary>
    private const int MaxClaimBatch = 32;

    /// <summary>Candidates looked at beyond the wanted number: some turn out to have nothing left to do.</summary>
    private const int ExtraCandidates = 8;

    private static readonly TimeSpan UnreadableMessageDelay = TimeSpan.FromMinutes(1);

    private static readonly string MessageSelect =
        $"SELECT m.SequenceNumber, m.ExecutionId, m.EventType, m.PayloadId, {Payloads.Text("m")} FROM Messages m WHERE m.InstanceId = $id AND m.VisibleTime <= $now ORDER BY m.SequenceNumber";

    private readonly ConcurrentQueue<Task<SqliteOrchestrationWorkItem?>> claimedOrchestrations = new();
    private readonly ConcurrentQueue<SqliteActivityWorkItem> claimedActivities = new();
    private readonly ConcurrentDictionary<string, SessionWaiter> sessionWaiters = new(StringComparer.Ordinal);
    private int orchestrationsInFlight;
    private int activitiesInFlight;

    /// <summary>Tells this process's pollers that <paramref name="instanceId"/> has a new message: the dispatcher's, and
    /// the extended session waiting on that instance, if any.</summary>
    private void WakeInstance(string instanceId)
    {
        this.SignalOrchestrationWork();
        this.WakeSession(instanceId);
    }

    /// <summary>Wakes the extended session waiting on <paramref name="instanceId"/>, if this process holds one.</summary>
    private void WakeSession(string instanceId)
    {
        if (this.sessionWaiters.TryGetValue(instanceId, out SessionWaiter? session))
        {
            session.Wake.Set();
        }
    }

    /// <summary>Raised with the instance id when a waiting extended session looked at the store and found nothing new,
    /// so a test can act while the session waits.</summary>
    internal event Action<string>? SessionFoundNothing;

    /// <summary>Hands a message this process just committed to the session waiting on its instance here, if any (no
    /// claim could take that instance: the session holds it); otherwise wakes the dispatcher's pollers.</summary>
    private void Deliver(DeliveredMessage message)
    {
        if (this.sessionWaiters.TryGetValue(message.Message.OrchestrationInstance.InstanceId, out SessionWaiter? session))
        {
            session.Deliver(message);
        }
        else
        {
            this.SignalOrchestrationWork();
        }
    }

    /// <summary>Gives back the locks of work items claimed but never handed out (the dispatchers stopped first).</summary>
    private async Task ReleaseClaimedAsync()
    {
        var instances = new List<SqliteOrchestrationWorkItem>();
        while (this.claimedOrchestrations.TryDequeue(out Task<SqliteOrchestrationWorkItem?>? next))
        {
            if (await this.LoadedOrNullAsync(next).ConfigureAwait(false) is SqliteOrchestrationWorkItem item)
            {
                instances.Add(item);
            }
        }

        var tasks = new List<SqliteActivityWorkItem>();
        while (this.claimedActivities.TryDequeue(out SqliteActivityWorkItem? task))
        {
            tasks.Add(task);
        }

        if (instances.Count == 0 && tasks.Count == 0)
        {
            return;
        }

        await this.WriteAsync(
            (c, tx) =>
            {
                foreach (SqliteOrchestrationWorkItem item in instances)
                {
                    UnlockInstance(c, tx, item.InstanceId, item.LockToken);
                }

                foreach (SqliteActivityWorkItem task in tasks)
                {
                    c.Execute(
                        tx,
                        "UPDATE Tasks SET LockedBy = NULL, LockToken = NULL, LockExpiration = NULL, DequeueCount = MAX(DequeueCount - 1, 0) WHERE SequenceNumber = $s AND LockToken = $token",
                        ("$s", task.SequenceNumber),
                        ("$token", task.LockToken));
                }

                return 0;
            },
            CancellationToken.None).ConfigureAwait(false);
    }

    private static int UnlockInstance(SqliteConnection c, SqliteTransaction tx, string instanceId, string token) => c.Execute(
        tx,
        "UPDATE Instances SET LockedBy = NULL, LockToken = NULL, LockExpiration = NULL WHERE InstanceId = $id AND LockToken = $token",
        ("$id", instanceId),
        ("$token", token));

    /// <summary>Marks a work item as given to the dispatcher: it takes a slot and, while DurableTask.Core can run one,
    /// an extended session.</summary>
    private void HandOut(SqliteOrchestrationWorkItem item, CancellationToken dispatcherStopping)
    {
        item.DispatcherStopping = dispatcherStopping;
        item.InFlight = true;
        Interlocked.Increment(ref this.orchestrationsInFlight);
        if (this.settings.ExtendedSessionsEnabled && this.TryHoldSession())
        {
            item.Session = new SqliteOrchestrationSession(this.FetchNewMessagesAsync);
            item.HoldsSession = true;
        }
    }

    private void EndOrchestration(SqliteOrchestrationWorkItem item)
    {
        if (item.InFlight)
        {
            item.InFlight = false;
            Interlocked.Decrement(ref this.orchestrationsInFlight);
        }
    }

    private void EndActivity(SqliteActivityWorkItem item)
    {
        if (item.InFlight)
        {
            item.InFlight = false;
            Interlocked.Decrement(ref this.activitiesInFlight);
        }
    }

    /// <summary>How many work items a claim should take: the slots neither busy nor promised to claimed items.</summary>
    private static int ClaimSize(int slots, int inFlight, int waiting) => Math.Clamp(slots - inFlight - waiting, 1, MaxClaimBatch);

    /// <summary>The next work item an earlier claim took, if any; one whose lock ran low is renewed first, one whose
    /// lock was lost is skipped.</summary>
    private async Task<SqliteOrchestrationWorkItem?> TakeClaimedOrchestrationAsync()
    {
        while (this.claimedOrchestrations.TryDequeue(out Task<SqliteOrchestrationWorkItem?>? next))
        {
            if (await this.LoadedOrNullAsync(next).ConfigureAwait(false) is not SqliteOrchestrationWorkItem item)
            {
                continue;
            }

            if (item.LockedUntilUtc - this.Now >= this.settings.OrchestrationLockTimeout / 2)
            {
                return item;
            }

            try
            {
                await this.RenewTaskOrchestrationWorkItemLockAsync(item).ConfigureAwait(false);
                return item;
            }
            catch (WorkItemLockLostException)
            {
                // Another worker owns the instance now; it was logged.
            }
        }

        return null;
    }

    private async Task<SqliteOrchestrationWorkItem?> LoadedOrNullAsync(Task<SqliteOrchestrationWorkItem?> load)
    {
        try
        {
            return await load.ConfigureAwait(false);
        }
        catch (SqliteException ex)
        {
            // The instance stays locked until its lock expires; then any worker claims it again.
            Log.PollFailed(this.logger, "orchestration", ex);
            return null;
        }
    }

    private async Task<SqliteOrchestrationWorkItem?> TryLockOrchestrationsAsync()
    {
        int want = ClaimSize(this.MaxConcurrentTaskOrchestrationWorkItems, Volatile.Read(ref this.orchestrationsInFlight), this.claimedOrchestrations.Count);
        List<ClaimedInstance> claimed = await this.WriteAsync((c, tx) => this.ClaimOrchestrations(c, tx, want), CancellationToken.None).ConfigureAwait(false);
        if (claimed.Count == 0)
        {
            return null;
        }

        // The others load in parallel while the dispatcher starts on the first.
        for (int i = 1; i < claimed.Count; i++)
        {
            ClaimedInstance next = claimed[i];
            this.claimedOrchestrations.Enqueue(Task.Run(() => this.LoadAsync(next)));
        }

        return await this.LoadedOrNullAsync(this.LoadAsync(claimed[0])).ConfigureAwait(false)
            ?? await this.TakeClaimedOrchestrationAsync().ConfigureAwait(false);
    }

    /// <summary>Locks up to <paramref name="max"/> instances whose oldest visible message waited longest, among unlocked
    /// or expired ones; a pending instance only once its start is visible. Messages to finished instances are dropped
    /// here.</summary>
    private List<ClaimedInstance> ClaimOrchestrations(SqliteConnection c, SqliteTransaction tx, int max)
    {
        DateTime now = this.Now;
        long nowTicks = now.ToTicks();
        var candidates = new List<string>(max + ExtraCandidates);
        using (SqliteCommand command = c.Command(
            tx,
            """
            SELECT i.InstanceId FROM Messages m JOIN Instances i ON i.InstanceId = m.InstanceId
            WHERE m.VisibleTime <= $now AND (i.LockExpiration IS NULL OR i.LockExpiration < $now)
              AND (i.RuntimeStatus <> 6 OR EXISTS (SELECT 1 FROM Messages s WHERE s.InstanceId = i.InstanceId AND s.EventType = 0 AND s.VisibleTime <= $now))
            ORDER BY m.VisibleTime
            """,
            ("$now", nowTicks)))
        using (SqliteDataReader reader = command.ExecuteReader())
        {
            // Rows come oldest message first; an instance with several messages appears several times.
            var seen = new HashSet<string>(StringComparer.Ordinal);
            while (candidates.Count < max + ExtraCandidates && reader.Read())
            {
                string id = reader.GetString(0);
                if (seen.Add(id))
                {
                    candidates.Add(id);
                }
            }
        }

        var claimed = new List<ClaimedInstance>(Math.Min(max, candidates.Count));
        DateTime until = now + this.settings.OrchestrationLockTimeout;
        foreach (string instanceId in candidates)
        {
            if (claimed.Count == max)
            {
                break;
            }

            string token = NewToken();
            (string executionId, int status) = ReadExecution(c, tx, instanceId);
            c.Execute(
                tx,
                "UPDATE Instances SET LockedBy = $by, LockToken = $token, LockExpiration = $until WHERE InstanceId = $id",
                ("$by", this.workerId),
                ("$token", token),
                ("$until", until.ToTicks()),
                ("$id", instanceId));
            List<MessageRow> rows = this.KeepLiveMessages(c, tx, instanceId, executionId, (OrchestrationStatus)status, ReadMessageRows(c, tx, instanceId, nowTicks));
            if (rows.Count == 0)
            {
                UnlockInstance(c, tx, instanceId, token);
                continue;
            }

            claimed.Add(new ClaimedInstance(instanceId, token, until, executionId, rows));
        }

        return claimed;
    }

    private static List<MessageRow> ReadMessageRows(SqliteConnection c, SqliteTransaction tx, string instanceId, long now)
    {
        var rows = new List<MessageRow>();
        using SqliteCommand command = c.Command(tx, MessageSelect, ("$id", instanceId), ("$now", now));
        using SqliteDataReader reader = command.ExecuteReader();
        while (reader.Read())
        {
            rows.Add(new MessageRow(reader.GetInt64(0), reader.GetNullableString(1), reader.GetInt32(2), reader.GetNullableInt64(3), reader.GetString(4)));
        }

        return rows;
    }

    /// <summary>Drops, with their payloads, the messages that mean nothing to the instance as it is: responses (task
    /// results, timers, sub-orchestration results) addressed to an earlier execution, which could match the current
    /// one's ids, and everything sent to a finished instance but a rewind request of a failed one. Returns the rest.</summary>
    private List<MessageRow> KeepLiveMessages(SqliteConnection c, SqliteTransaction tx, string instanceId, string executionId, OrchestrationStatus status, List<MessageRow> rows)
    {
        bool finished = IsTerminal(status);
        bool Dropped(MessageRow row) => finished
            ? !(status == OrchestrationStatus.Failed && row.EventType == (int)EventType.ExecutionRewound)
            : row.ExecutionId is not null && !string.Equals(row.ExecutionId, executionId, StringComparison.Ordinal) && EventJson.IsExecutionResponse((EventType)row.EventType);
        if (!rows.Exists(Dropped))
        {
            return rows;
        }

        var drop = rows.FindAll(Dropped);
        c.Execute(
            tx,
            "DELETE FROM Messages WHERE SequenceNumber IN (SELECT value FROM json_each($ids))",
            ("$ids", EventJson.Serialize(drop.ConvertAll(r => r.SequenceNumber))));
        List<long> payloadIds = [.. drop.Where(r => r.PayloadId is not null).Select(r => r.PayloadId!.Value)];
        if (payloadIds.Count > 0)
        {
            c.Execute(tx, "DELETE FROM Payloads WHERE PayloadId IN (SELECT value FROM json_each($ids))", ("$ids", EventJson.Serialize(payloadIds)));
        }

        Log.MessageDropped(this.logger, finished ? "orchestration" : "response", instanceId, finished ? "the instance has finished" : "it was addressed to an earlier execution");
        return rows.FindAll(r => !Dropped(r));
    }

    /// <summary>Builds the work item of a claimed instance: its messages parsed, its history read (the lock keeps both
    /// still). Null when none of its messages could be read; then the instance is unlocked again.</summary>
    private async Task<SqliteOrchestrationWorkItem?> LoadAsync(ClaimedInstance claimed)
    {
        List<TaskMessage>? messages = await this.DecodeMessagesAsync(claimed.InstanceId, claimed.Messages, out List<long> ids).ConfigureAwait(false);
        if (messages is null)
        {
            await this.WriteAsync((c, tx) => UnlockInstance(c, tx, claimed.InstanceId, claimed.LockToken), CancellationToken.None).ConfigureAwait(false);
            return null;
        }

        List<HistoryEvent> history = await this.ReadAsync(c => ReadHistory(c, null, claimed.InstanceId, claimed.ExecutionId), CancellationToken.None).ConfigureAwait(false);
        PrepareRewind(history, messages);
        return new SqliteOrchestrationWorkItem
        {
            InstanceId = claimed.InstanceId,
            LockToken = claimed.LockToken,
            LockedUntilUtc = claimed.LockedUntilUtc,
            NewMessages = messages,
            MessageIds = ids,
            MessagePayloadIds = PayloadIdsOf(claimed.Messages, ids),
            OrchestrationRuntimeState = new OrchestrationRuntimeState(history),
        };
    }

    /// <summary>The payload rows of the messages a work item consumes, deleted with them by its checkpoint.</summary>
    private static List<long> PayloadIdsOf(List<MessageRow> rows, List<long> consumed) =>
        [.. rows.Where(r => r.PayloadId is not null && consumed.Contains(r.SequenceNumber)).Select(r => r.PayloadId!.Value)];

    /// <summary>The messages of <paramref name="rows"/> in order, or null when none could be read. A message this code
    /// cannot read is set aside for <see cref="UnreadableMessageDelay"/> (and logged) instead of failing every claim of
    /// the instance.</summary>
    private Task<List<TaskMessage>?> DecodeMessagesAsync(string instanceId, List<MessageRow> rows, out List<long> ids)
    {
        var messages = new List<TaskMessage>(rows.Count);
        ids = new List<long>(rows.Count);
        List<long>? unreadable = null;
        foreach (MessageRow row in rows)
        {
            HistoryEvent e;
            try
            {
                e = EventJson.Deserialize(row.Json);
            }
            catch (Newtonsoft.Json.JsonException ex)
            {
                Log.UnreadableMessage(this.logger, row.SequenceNumber, instanceId, ex);
                (unreadable ??= []).Add(row.SequenceNumber);
                continue;
            }

            ids.Add(row.SequenceNumber);
            messages.Add(new TaskMessage
            {
                SequenceNumber = row.SequenceNumber,
                OrchestrationInstance = new OrchestrationInstance { InstanceId = instanceId, ExecutionId = row.ExecutionId },
                Event = e,
            });
        }

        List<TaskMessage>? result = messages.Count > 0 ? messages : null;
        return unreadable is null ? Task.FromResult(result) : this.SetAsideAsync(unreadable, result);
    }

    private async Task<List<TaskMessage>?> SetAsideAsync(List<long> unreadable, List<TaskMessage>? result)
    {
        long later = (this.Now + UnreadableMessageDelay).ToTicks();
        await this.WriteAsync(
            (c, tx) => c.Execute(
                tx,
                "UPDATE Messages SET VisibleTime = $later, DequeueCount = DequeueCount + 1 WHERE SequenceNumber IN (SELECT value FROM json_each($ids))",
                ("$later", later),
                ("$ids", EventJson.Serialize(unreadable))),
            CancellationToken.None).ConfigureAwait(false);
        return result;
    }

    /// <summary>The next messages of an extended session's instance, waiting up to the idle timeout; null ends the
    /// session (no messages came, the service is stopping, or another worker owns the instance now).</summary>
    private async Task<IList<TaskMessage>?> FetchNewMessagesAsync(SqliteOrchestrationWorkItem item)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(this.stopping.Token, item.DispatcherStopping);

        // Woken only by this process's writes to this instance (the others' are found by polling): a signal shared by
        // every waiting session would have each of them query the store on every write.
        var waiter = new SessionWaiter();
        this.sessionWaiters[item.InstanceId] = waiter;
        try
        {
            List<TaskMessage>? messages = await this.PollAsync(
                waiter.Wake,
                null,
                this.settings.ExtendedSessionIdleTimeout,
                (c, now) =>
                {
                    bool found = waiter.HasDeliveries
                        || c.ScalarInt64(null, "SELECT 1 FROM Messages WHERE InstanceId = $id AND VisibleTime <= $now LIMIT 1", ("$id", item.InstanceId), ("$now", now.ToTicks())) is not null;
                    if (!found)
                    {
                        this.SessionFoundNothing?.Invoke(item.InstanceId);
                    }

                    return found;
                },
                () => this.TakeDeliveredMessages(item, waiter) is { } delivered ? Task.FromResult<List<TaskMessage>?>(delivered) : this.TakeSessionMessagesAsync(item),
                "session",
                stop.Token).ConfigureAwait(false);
            return messages is { Count: > 0 } ? messages : null;
        }
        finally
        {
            this.sessionWaiters.TryRemove(new KeyValuePair<string, SessionWaiter>(item.InstanceId, waiter));
        }
    }

    /// <summary>The messages handed to the waiting session from memory, as the next episode's, when they can stand
    /// without a read: the lock has at least half its time left and each is addressed to the session's execution.
    /// Null otherwise; the store then has them all.</summary>
    internal List<TaskMessage>? TakeDeliveredMessages(SqliteOrchestrationWorkItem item, SessionWaiter waiter)
    {
        if (!waiter.HasDeliveries || item.LockedUntilUtc - this.Now < this.settings.OrchestrationLockTimeout / 2)
        {
            return null;
        }

        string? executionId = item.OrchestrationRuntimeState.OrchestrationInstance?.ExecutionId;
        List<DeliveredMessage> delivered = waiter.TakeDeliveries().FindAll(d => d.SequenceNumber > item.LastConsumedSequence);
        if (delivered.Count == 0
            || !delivered.TrueForAll(d => string.Equals(d.Message.OrchestrationInstance.ExecutionId, executionId, StringComparison.Ordinal)))
        {
            return null;
        }

        item.MessageIds = [.. delivered.Select(d => d.SequenceNumber)];
        item.MessagePayloadIds = [.. delivered.Where(d => d.PayloadId is not null).Select(d => d.PayloadId!.Value)];
        return [.. delivered.Select(d => d.Message)];
    }

    /// <summary>The session's visible messages, taken under its extended lock; an empty list when the lock was lost
    /// (the session ends without touching the instance), null when there was nothing readable after all.</summary>
    private async Task<List<TaskMessage>?> TakeSessionMessagesAsync(SqliteOrchestrationWorkItem item)
    {
        List<MessageRow>? rows = await this.WriteAsync((c, tx) => this.ClaimSessionMessages(c, tx, item), CancellationToken.None).ConfigureAwait(false);
        if (rows is null)
        {
            return null;
        }

        if (item.Released)
        {
            return [];
        }

        List<TaskMessage>? messages = await this.DecodeMessagesAsync(item.InstanceId, rows, out List<long> ids).ConfigureAwait(false);
        if (messages is not null)
        {
            item.MessageIds = ids;
            item.MessagePayloadIds = PayloadIdsOf(rows, ids);
        }

        return messages;
    }

    /// <summary>Extends the session's lock and reads its visible messages: null when there are none, an empty list when
    /// the lock was lost (and the item is marked released).</summary>
    private List<MessageRow>? ClaimSessionMessages(SqliteConnection c, SqliteTransaction tx, SqliteOrchestrationWorkItem item)
    {
        DateTime now = this.Now;
        DateTime until = now + this.settings.OrchestrationLockTimeout;
        int extended = c.Execute(
            tx,
            "UPDATE Instances SET LockExpiration = $until WHERE InstanceId = $id AND LockToken = $token AND LockExpiration >= $now",
            ("$until", until.ToTicks()),
            ("$id", item.InstanceId),
            ("$token", item.LockToken),
            ("$now", now.ToTicks()));
        if (extended == 0)
        {
            Log.LockLost(this.logger, "session fetch", "orchestration", item.InstanceId);
            item.Released = true;
            return [];
        }

        item.LockedUntilUtc = until;
        List<MessageRow> rows = this.KeepLiveMessages(
            c,
            tx,
            item.InstanceId,
            item.OrchestrationRuntimeState.OrchestrationInstance?.ExecutionId ?? string.Empty,
            OrchestrationStatus.Running,
            ReadMessageRows(c, tx, item.InstanceId, now.ToTicks()));
        return rows.Count > 0 ? rows : null;
    }

    /// <summary>The next task an earlier claim took, if any, renewed first when its lock ran low.</summary>
    private async Task<SqliteActivityWorkItem?> TakeClaimedActivityAsync()
    {
        while (this.claimedActivities.TryDequeue(out SqliteActivityWorkItem? item))
        {
            if (item.LockedUntilUtc - this.Now >= this.settings.ActivityLockTimeout / 2)
            {
                return item;
            }

            try
            {
                return (SqliteActivityWorkItem)await this.RenewTaskActivityWorkItemLockAsync(item).ConfigureAwait(false);
            }
            catch (WorkItemLockLostException)
            {
                // Another worker runs the task now; it was logged.
            }
        }

        return null;
    }

    private async Task<SqliteActivityWorkItem?> TryLockActivitiesAsync()
    {
        int want = ClaimSize(this.MaxConcurrentTaskActivityWorkItems, Volatile.Read(ref this.activitiesInFlight), this.claimedActivities.Count);
        string token = NewToken();
        DateTime until = this.Now + this.settings.ActivityLockTimeout;
        List<ClaimedTask> claimed = await this.WriteAsync((c, tx) => this.ClaimActivities(c, tx, want, token, until), CancellationToken.None).ConfigureAwait(false);
        List<ClaimedTask>? unreadable = null;
        foreach (ClaimedTask task in claimed)
        {
            TaskScheduledEvent scheduled;
            try
            {
                scheduled = (TaskScheduledEvent)EventJson.Deserialize(task.Json);
            }
            catch (Newtonsoft.Json.JsonException ex)
            {
                Log.UnreadableMessage(this.logger, task.SequenceNumber, task.InstanceId, ex);
                (unreadable ??= []).Add(task);
                continue;
            }

            this.claimedActivities.Enqueue(new SqliteActivityWorkItem
            {
                Id = task.SequenceNumber.ToString(CultureInfo.InvariantCulture),
                SequenceNumber = task.SequenceNumber,
                LockToken = token,
                LockedUntilUtc = until,
                TaskMessage = new TaskMessage
                {
                    SequenceNumber = task.SequenceNumber,
                    OrchestrationInstance = new OrchestrationInstance { InstanceId = task.InstanceId, ExecutionId = task.ExecutionId },
                    Event = scheduled,
                },
            });
        }

        if (unreadable is not null)
        {
            long later = (this.Now + UnreadableMessageDelay).ToTicks();
            await this.WriteAsync(
                (c, tx) =>
                {
                    foreach (ClaimedTask task in unreadable)
                    {
                        c.Execute(
                            tx,
                            "UPDATE Tasks SET LockedBy = NULL, LockToken = NULL, LockExpiration = NULL, VisibleTime = $later WHERE SequenceNumber = $s AND LockToken = $token",
                            ("$later", later),
                            ("$s", task.SequenceNumber),
                            ("$token", token));
                    }

                    return 0;
                },
                CancellationToken.None).ConfigureAwait(false);
        }

        return await this.TakeClaimedActivityAsync().ConfigureAwait(false);
    }

    /// <summary>Locks up to <paramref name="max"/> of the oldest due tasks that nobody holds (or whose holder's lock
    /// expired), all under one token.</summary>
    private List<ClaimedTask> ClaimActivities(SqliteConnection c, SqliteTransaction tx, int max, string token, DateTime until)
    {
        var rows = new List<(long Sequence, string InstanceId, string ExecutionId, string? Data, long? PayloadId)>(max);
        using (SqliteCommand command = c.Command(
            tx,
            $"""
            UPDATE Tasks SET LockedBy = $by, LockToken = $token, LockExpiration = $until, DequeueCount = DequeueCount + 1
            WHERE SequenceNumber IN (SELECT SequenceNumber FROM Tasks WHERE {ActivityDue} ORDER BY SequenceNumber LIMIT $max)
            RETURNING SequenceNumber, InstanceId, ExecutionId, Data, PayloadId
            """,
            ("$by", this.workerId),
            ("$token", token),
            ("$until", until.ToTicks()),
            ("$now", this.Now.ToTicks()),
            ("$max", max)))
        using (SqliteDataReader reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                rows.Add((reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetNullableString(3), reader.GetNullableInt64(4)));
            }
        }

        // RETURNING has no order: oldest first, as they were scheduled.
        rows.Sort((a, b) => a.Sequence.CompareTo(b.Sequence));
        var claimed = new List<ClaimedTask>(rows.Count);
        foreach ((long sequence, string instanceId, string executionId, string? data, long? payloadId) in rows)
        {
            string json = data ?? c.ScalarString(tx, "SELECT Data FROM Payloads WHERE PayloadId = $p", ("$p", payloadId))!;
            claimed.Add(new ClaimedTask(sequence, instanceId, executionId, json));
        }

        return claimed;
    }
}
