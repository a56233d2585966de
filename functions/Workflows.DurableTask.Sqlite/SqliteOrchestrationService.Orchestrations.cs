using System.Globalization;
using DurableTask.Core;
using DurableTask.Core.History;
using DurableTask.Core.Tracing;
using Microsoft.Data.Sqlite;
using Workflows.DurableTask.Sqlite.Locking;
using Workflows.DurableTask.Sqlite.Storage;

namespace Workflows.DurableTask.Sqlite;

/// <summary>Orchestration work items: claim an instance with visible messages under a lock, checkpoint it in one
/// transaction, renew, abandon, release, and feed an extended session its new messages.</summary>
public sealed partial class SqliteOrchestrationService
{
    /// <inheritdoc/>
    public async Task<TaskOrchestrationWorkItem> LockNextTaskOrchestrationWorkItemAsync(TimeSpan receiveTimeout, CancellationToken cancellationToken)
    {
        await this.EnsureInitializedAsync(cancellationToken).ConfigureAwait(false);
        Volatile.Write(ref this.orchestrationDispatcherPolls, true);
        SqliteOrchestrationWorkItem? item = await this.TakeClaimedOrchestrationAsync().ConfigureAwait(false)
            ?? await this.PollAsync(
                this.orchestrationWork,
                this.orchestrationHeat,
                receiveTimeout,
                (c, now) => !this.claimedOrchestrations.IsEmpty || HasOrchestrationWork(c, now),
                this.TakeOrClaimOrchestrationAsync,
                "orchestration",
                cancellationToken).ConfigureAwait(false);
        if (item is not null)
        {
            this.HandOut(item, cancellationToken);
        }

        return item!;
    }

    /// <inheritdoc/>
    /// <exception cref="WorkItemLockLostException">The lock expired or was taken over.</exception>
    public async Task RenewTaskOrchestrationWorkItemLockAsync(TaskOrchestrationWorkItem workItem)
    {
        var item = (SqliteOrchestrationWorkItem)workItem;
        item.LockedUntilUtc = await this.RenewAsync("Instances", "InstanceId", item.InstanceId, item.LockToken, this.settings.OrchestrationLockTimeout, "orchestration").ConfigureAwait(false);
    }

    /// <inheritdoc/>
    /// <exception cref="WorkItemLockLostException">The lock expired or was taken over; nothing was written.</exception>
    public async Task CompleteTaskOrchestrationWorkItemAsync(
        TaskOrchestrationWorkItem workItem,
        OrchestrationRuntimeState newOrchestrationRuntimeState,
        IList<TaskMessage> outboundMessages,
        IList<TaskMessage> orchestratorMessages,
        IList<TaskMessage> timerMessages,
        TaskMessage continuedAsNewMessage,
        OrchestrationState orchestrationState)
    {
        ArgumentNullException.ThrowIfNull(newOrchestrationRuntimeState);
        var item = (SqliteOrchestrationWorkItem)workItem;
        DateTime now = this.Now;
        bool terminal = newOrchestrationRuntimeState.ExecutionStartedEvent is null || IsTerminal(newOrchestrationRuntimeState.OrchestrationStatus);
        bool keepLock = item.Session is not null && !terminal;
        DateTime until = now + this.settings.OrchestrationLockTimeout;
        outboundMessages ??= [];
        int reserved = this.ReserveActivitySlots(outboundMessages.Count);
        var checkpoint = new Checkpoint(
            item,
            newOrchestrationRuntimeState,
            outboundMessages,
            orchestratorMessages ?? [],
            timerMessages ?? [],
            continuedAsNewMessage,
            keepLock ? until : null,
            now,
            reserved == 0 ? PrelockedTasks.None : new PrelockedTasks(reserved, NewToken(), now + this.settings.ActivityLockTimeout));
        try
        {
            await this.WriteAsync((c, tx) => this.WriteCheckpoint(c, tx, checkpoint), CancellationToken.None).ConfigureAwait(false);
            this.HandOutPrelocked(outboundMessages, checkpoint.TaskLocks);
        }
        finally
        {
            Interlocked.Add(ref this.activitySlotsPromised, -reserved);
        }

        if (keepLock)
        {
            item.LockedUntilUtc = until;
        }
        else
        {
            item.Released = true;
        }

        if (checkpoint.OrchestratorMessages.Count > 0 || checkpoint.TimerMessages.Count > 0 || continuedAsNewMessage is not null || !keepLock)
        {
            this.SignalOrchestrationWork();
        }

        // A message to an instance held by a session here (a parent awaiting its sub-orchestration, an event's target),
        // or a timer already due, wakes that session.
        foreach (TaskMessage message in checkpoint.OrchestratorMessages)
        {
            this.WakeSession(message.OrchestrationInstance.InstanceId);
        }

        if (checkpoint.TimerMessages.Count > 0 || continuedAsNewMessage is not null)
        {
            this.WakeSession(item.InstanceId);
        }

        if (checkpoint.OutboundMessages.Count > 0)
        {
            if (checkpoint.OutboundMessages.Count > reserved)
            {
                this.SignalActivityWork();
            }
            else
            {
                this.activityWork.Set();
            }
        }
    }

    /// <inheritdoc/>
    /// <remarks>Unlocks the instance and delays its consumed messages (doubling with each abandon, up to
    /// <see cref="SqliteOrchestrationServiceSettings.MaxAbandonDelay"/>). A lost lock is left alone.</remarks>
    public async Task AbandonTaskOrchestrationWorkItemAsync(TaskOrchestrationWorkItem workItem)
    {
        var item = (SqliteOrchestrationWorkItem)workItem;
        if (item.Released)
        {
            return;
        }

        DateTime now = this.Now;
        TimeSpan? delay = await this.WriteAsync(
            (c, tx) =>
            {
                int unlocked = c.Execute(
                    tx,
                    "UPDATE Instances SET LockedBy = NULL, LockToken = NULL, LockExpiration = NULL WHERE InstanceId = $id AND LockToken = $token AND LockExpiration >= $now",
                    ("$id", item.InstanceId),
                    ("$token", item.LockToken),
                    ("$now", now.ToTicks()));
                if (unlocked == 0)
                {
                    return (TimeSpan?)null;
                }

                string ids = EventJson.Serialize(item.MessageIds);
                long dequeues = c.ScalarInt64(tx, "SELECT MAX(DequeueCount) FROM Messages WHERE SequenceNumber IN (SELECT value FROM json_each($ids))", ("$ids", ids)) ?? 0;
                TimeSpan wait = this.AbandonDelayAfter(dequeues);
                c.Execute(
                    tx,
                    "UPDATE Messages SET VisibleTime = $visible, DequeueCount = DequeueCount + 1 WHERE SequenceNumber IN (SELECT value FROM json_each($ids))",
                    ("$visible", (now + wait).ToTicks()),
                    ("$ids", ids));
                return wait;
            },
            CancellationToken.None).ConfigureAwait(false);
        item.Released = true;
        if (delay is TimeSpan d)
        {
            Log.Abandoned(this.logger, "orchestration", item.InstanceId, d);
        }
        else
        {
            Log.LockLost(this.logger, "abandon", "orchestration", item.InstanceId);
        }
    }

    /// <inheritdoc/>
    /// <remarks>Ends the lock an extended session kept; does nothing when the checkpoint already ended it or the lock
    /// was taken over.</remarks>
    public async Task ReleaseTaskOrchestrationWorkItemAsync(TaskOrchestrationWorkItem workItem)
    {
        var item = (SqliteOrchestrationWorkItem)workItem;
        this.ReturnSession(item);
        this.EndOrchestration(item);
        if (item.Released)
        {
            return;
        }

        await this.WriteAsync((c, tx) => UnlockInstance(c, tx, item.InstanceId, item.LockToken), CancellationToken.None).ConfigureAwait(false);
        item.Released = true;
        this.SignalOrchestrationWork();
    }

    private static bool IsTerminal(OrchestrationStatus status) => status is OrchestrationStatus.Completed or OrchestrationStatus.Failed
        or OrchestrationStatus.Terminated or OrchestrationStatus.Canceled;

    private TimeSpan AbandonDelayAfter(long dequeues)
    {
        double factor = Math.Pow(2, Math.Min(dequeues, 20));
        TimeSpan delay = TimeSpan.FromTicks((long)Math.Min(this.settings.AbandonDelay.Ticks * factor, this.settings.MaxAbandonDelay.Ticks));
        return delay;
    }

    private WorkItemLockLostException LockLost(string operation, string kind, string workItem)
    {
        Log.LockLost(this.logger, operation, kind, workItem);
        return new WorkItemLockLostException(
            $"The {operation} of {kind} work item '{workItem}' was rejected: its lock expired or was taken over by another worker, and nothing was changed.");
    }

    /// <summary>Extends a lock that is still held; the row is in <paramref name="table"/>, keyed by <paramref name="keyColumn"/>.</summary>
    private async Task<DateTime> RenewAsync(string table, string keyColumn, object key, string token, TimeSpan timeout, string kind)
    {
        DateTime now = this.Now;
        DateTime until = now + timeout;
        int renewed = await this.WriteAsync(
            (c, tx) => c.Execute(
                tx,
                $"UPDATE {table} SET LockExpiration = $until WHERE {keyColumn} = $key AND LockToken = $token AND LockExpiration >= $now",
                ("$until", until.ToTicks()),
                ("$key", key),
                ("$token", token),
                ("$now", now.ToTicks())),
            CancellationToken.None).ConfigureAwait(false);
        return renewed > 0 ? until : throw this.LockLost("renewal", kind, Convert.ToString(key, CultureInfo.InvariantCulture)!);
    }

    /// <summary>Polls <paramref name="tryTake"/> until it returns work, the timeout passes or cancellation; a cheap read
    /// (<paramref name="hasWork"/>) comes first so an idle poll never takes the write lock, unless <paramref name="heat"/>
    /// says the last claim found work or this process's own write of new work woke the poll.</summary>
    private async Task<T?> PollAsync<T>(
        WakeSignal wake,
        PollHeat? heat,
        TimeSpan receiveTimeout,
        Func<SqliteConnection, DateTime, bool> hasWork,
        Func<Task<T?>> tryTake,
        string kind,
        CancellationToken cancellation)
        where T : class
    {
        DateTime deadline = this.Now + receiveTimeout;
        TimeSpan backoff = this.settings.MinPollingInterval;
        bool signaled = false;
        while (!cancellation.IsCancellationRequested)
        {
            Task signal = wake.Next;
            try
            {
                if (signaled || heat is { Hot: true } || await this.ReadAsync(c => hasWork(c, this.Now), cancellation).ConfigureAwait(false))
                {
                    T? taken = await tryTake().ConfigureAwait(false);
                    heat?.Record(taken is not null);
                    if (taken is not null)
                    {
                        return taken;
                    }
                }
            }
            catch (SqliteException ex)
            {
                Log.PollFailed(this.logger, kind, ex);
            }

            TimeSpan remaining = deadline - this.Now;
            if (remaining <= TimeSpan.Zero)
            {
                return null;
            }

            signaled = await WakeSignal.WaitAsync(signal, backoff < remaining ? backoff : remaining, cancellation).ConfigureAwait(false);
            backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, this.settings.MaxPollingInterval.Ticks));
        }

        return null;
    }

    private static bool HasOrchestrationWork(SqliteConnection c, DateTime now) => c.ScalarInt64(
        null,
        """
        SELECT 1 FROM Messages m JOIN Instances i ON i.InstanceId = m.InstanceId
        WHERE m.VisibleTime <= $now AND (i.LockExpiration IS NULL OR i.LockExpiration < $now) LIMIT 1
        """,
        ("$now", now.ToTicks())) is not null;

    /// <summary>DurableTask.Core runs at most half its orchestration slots (rounded up) as extended sessions; a work item
    /// offered a session beyond that runs one episode and is released. Such an item is handed out without a session
    /// instead, so its checkpoint ends the lock at once rather than keeping it for a release that writes again.</summary>
    private bool TryHoldSession()
    {
        int limit = (this.MaxConcurrentTaskOrchestrationWorkItems + 1) / 2;
        while (true)
        {
            int held = Volatile.Read(ref this.sessionsHeld);
            if (held >= limit)
            {
                return false;
            }

            if (Interlocked.CompareExchange(ref this.sessionsHeld, held + 1, held) == held)
            {
                return true;
            }
        }
    }

    private void ReturnSession(SqliteOrchestrationWorkItem item)
    {
        if (item.HoldsSession)
        {
            item.HoldsSession = false;
            Interlocked.Decrement(ref this.sessionsHeld);
        }
    }

    /// <summary>DurableTask.Core's rewind clears fields of the start event's trace context without checking that there
    /// is one (there is none when the instance was started without tracing): give it an empty one.</summary>
    private static void PrepareRewind(List<HistoryEvent> history, List<TaskMessage> messages)
    {
        if (messages.Exists(m => m.Event is ExecutionRewoundEvent)
            && history.OfType<ExecutionStartedEvent>().FirstOrDefault() is { ParentTraceContext: null } started)
        {
            started.ParentTraceContext = new DistributedTraceContext(string.Empty);
        }
    }

    private static (string ExecutionId, int Status) ReadExecution(SqliteConnection c, SqliteTransaction? tx, string instanceId)
    {
        using SqliteCommand command = c.Command(tx, "SELECT ExecutionId, RuntimeStatus FROM Instances WHERE InstanceId = $id", ("$id", instanceId));
        using SqliteDataReader reader = command.ExecuteReader();
        reader.Read();
        return (reader.GetString(0), reader.GetInt32(1));
    }

    private static List<HistoryEvent> ReadHistory(SqliteConnection c, SqliteTransaction? tx, string instanceId, string executionId)
    {
        var history = new List<HistoryEvent>();
        using SqliteCommand command = c.Command(
            tx,
            $"SELECT {Payloads.Text("h")} FROM History h WHERE h.InstanceId = $id AND h.ExecutionId = $x ORDER BY h.SequenceNumber",
            ("$id", instanceId),
            ("$x", executionId));
        using SqliteDataReader reader = command.ExecuteReader();
        while (reader.Read())
        {
            history.Add(EventJson.Deserialize(reader.GetString(0)));
        }

        return history;
    }

}
