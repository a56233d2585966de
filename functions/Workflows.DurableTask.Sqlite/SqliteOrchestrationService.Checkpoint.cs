using DurableTask.Core;
using DurableTask.Core.History;
using Microsoft.Data.Sqlite;
using Workflows.DurableTask.Sqlite.Locking;
using Workflows.DurableTask.Sqlite.Storage;

namespace Workflows.DurableTask.Sqlite;

/// <summary>The checkpoint of an orchestration episode: one transaction (a savepoint of a group commit) that checks the
/// lock, appends history, deletes the consumed messages, updates the instance and enqueues what the episode sent.</summary>
public sealed partial class SqliteOrchestrationService
{
    private static readonly OrchestrationStatus[] LiveStatusList = [OrchestrationStatus.Pending, OrchestrationStatus.Running, OrchestrationStatus.Suspended];

    private int WriteCheckpoint(SqliteConnection c, SqliteTransaction tx, Checkpoint p)
    {
        SqliteOrchestrationWorkItem item = p.Item;
        OrchestrationRuntimeState state = p.State;
        long now = p.Now.ToTicks();
        string? storedExecution;
        long? inputId, outputId, customId;
        int storedStatus;
        using (SqliteCommand check = c.Command(
            tx,
            "SELECT ExecutionId, InputPayloadId, OutputPayloadId, CustomStatusPayloadId, RuntimeStatus FROM Instances WHERE InstanceId = $id AND LockToken = $token AND LockExpiration >= $now",
            ("$id", item.InstanceId),
            ("$token", item.LockToken),
            ("$now", now)))
        using (SqliteDataReader reader = check.ExecuteReader())
        {
            if (!reader.Read())
            {
                throw this.LockLost("completion", "orchestration", item.InstanceId);
            }

            storedExecution = reader.GetString(0);
            inputId = reader.GetNullableInt64(1);
            outputId = reader.GetNullableInt64(2);
            customId = reader.GetNullableInt64(3);
            storedStatus = reader.GetInt32(4);
        }

        DeleteConsumedMessages(c, tx, item);
        if (state.ExecutionStartedEvent is null)
        {
            // DurableTask.Core dropped the work item as invalid (messages without a start): consume them, keep the row.
            c.Execute(tx, "UPDATE Instances SET LockedBy = NULL, LockToken = NULL, LockExpiration = NULL WHERE InstanceId = $id", ("$id", item.InstanceId));
            return 0;
        }

        string executionId = state.OrchestrationInstance!.ExecutionId;
        bool newExecution = !string.Equals(executionId, storedExecution, StringComparison.Ordinal);
        if (newExecution)
        {
            // ContinueAsNew: the finished execution's history goes, as in DurableTask.SqlServer, so storage stays bounded.
            c.Execute(
                tx,
                """
                DELETE FROM Payloads WHERE PayloadId IN (SELECT PayloadId FROM History WHERE InstanceId = $id AND PayloadId IS NOT NULL);
                DELETE FROM History WHERE InstanceId = $id;
                """,
                ("$id", item.InstanceId));
        }

        this.AppendHistory(c, tx, item.InstanceId, executionId, state, p.HistoryJson);

        OrchestrationStatus status = state.OrchestrationStatus;
        bool terminal = IsTerminal(status);
        Payloads.Delete(c, tx, outputId);
        Payloads.Delete(c, tx, customId);
        (string? output, long? newOutputId) = this.payloads.Write(c, tx, item.InstanceId, state.Output);
        (string? custom, long? newCustomId) = this.payloads.Write(c, tx, item.InstanceId, state.Status);
        string? input = null;
        long? newInputId = inputId;
        if (newExecution)
        {
            Payloads.Delete(c, tx, inputId);
            (input, newInputId) = this.payloads.Write(c, tx, item.InstanceId, state.Input);
        }

        ExecutionStartedEvent started = state.ExecutionStartedEvent;
        bool statusChanged = storedStatus != (int)status;
        c.Execute(
            tx,
            InstanceUpdate(newExecution, statusChanged),
            ("$x", executionId),
            ("$name", started.Name ?? string.Empty),
            ("$version", started.Version),
            ("$status", (int)status),
            ("$now", now),
            ("$completed", terminal ? (state.CompletedTime > DateTime.MinValue ? state.CompletedTime : p.Now).ToTicks() : null),
            ("$output", output),
            ("$outputId", newOutputId),
            ("$custom", custom),
            ("$customId", newCustomId),
            ("$failure", p.FailureJson),
            ("$generation", started.Generation ?? 0),
            ("$tags", p.TagsJson),
            ("$input", input),
            ("$inputId", newInputId),
            ("$keep", p.KeepLockUntil is not null),
            ("$until", p.KeepLockUntil?.ToTicks()),
            ("$id", item.InstanceId));

        for (int i = 0; i < p.OutboundMessages.Count; i++)
        {
            long sequence = this.InsertTask(c, tx, p.OutboundMessages[i], p.OutboundJson[i], now, i < p.TaskLocks.Count ? p.TaskLocks : null);
            if (i < p.TaskLocks.Count)
            {
                p.TaskLocks.SequenceNumbers[i] = sequence;
            }
        }

        for (int i = 0; i < p.OrchestratorMessages.Count; i++)
        {
            TaskMessage message = p.OrchestratorMessages[i];
            if (!this.Enqueue(c, tx, message, p.Now, LiveStatusList, throwWhenRefused: false, p.OrchestratorJson[i])
                && message.Event is ExecutionStartedEvent { ParentInstance: ParentInstance parent })
            {
                // The child id is held by a live instance: the parent learns that its sub-orchestration failed
                // instead of waiting for an answer that never comes.
                string reason = $"A live orchestration with id '{message.OrchestrationInstance.InstanceId}' already exists.";
                var failed = new SubOrchestrationInstanceFailedEvent(-1, parent.TaskScheduleId, reason, null, new FailureDetails("OrchestrationAlreadyExistsException", reason, null, null, isNonRetriable: true));
                this.InsertMessage(c, tx, item.InstanceId, executionId, failed, p.Now);
            }
        }

        for (int i = 0; i < p.TimerMessages.Count; i++)
        {
            TaskMessage message = p.TimerMessages[i];
            this.InsertMessage(c, tx, message.OrchestrationInstance.InstanceId, message.OrchestrationInstance.ExecutionId, message.Event, p.Now, p.TimerJson[i]);
        }

        if (p.ContinuedAsNewMessage is TaskMessage continued)
        {
            this.InsertMessage(c, tx, item.InstanceId, continued.OrchestrationInstance?.ExecutionId, continued.Event, p.Now, p.ContinuedAsNewJson);
        }

        return 0;
    }

    /// <summary>The checkpoint's update of the instance row. Columns that come from the execution's start, and the
    /// status, are set only when they can have changed: SQLite rewrites an index entry whenever an indexed column is
    /// assigned, even to its old value, and Name and RuntimeStatus are indexed.</summary>
    private static string InstanceUpdate(bool newExecution, bool statusChanged) => (newExecution, statusChanged) switch
    {
        (true, true) => InstanceUpdates[3],
        (true, false) => InstanceUpdates[2],
        (false, true) => InstanceUpdates[1],
        _ => InstanceUpdates[0],
    };

    private static readonly string[] InstanceUpdates = [.. Enumerable.Range(0, 4).Select(flags =>
        "UPDATE Instances SET LastUpdatedTime = $now, CompletedTime = $completed, Output = $output, OutputPayloadId = $outputId, "
        + "CustomStatus = $custom, CustomStatusPayloadId = $customId, FailureDetails = $failure, "
        + "LockedBy = CASE WHEN $keep THEN LockedBy END, LockToken = CASE WHEN $keep THEN LockToken END, LockExpiration = CASE WHEN $keep THEN $until END"
        + ((flags & 1) != 0 ? ", RuntimeStatus = $status" : string.Empty)
        + ((flags & 2) != 0 ? ", ExecutionId = $x, Name = $name, Version = $version, Generation = $generation, Tags = $tags, Input = $input, InputPayloadId = $inputId" : string.Empty)
        + " WHERE InstanceId = $id")];

    /// <summary>Appends the episode's new events at their index in the execution's history: the key (instance,
    /// execution, sequence) makes a second writer of the same episode fail instead of duplicating it.</summary>
    private void AppendHistory(SqliteConnection c, SqliteTransaction tx, string instanceId, string executionId, OrchestrationRuntimeState state, string[] json)
    {
        int first = state.Events.Count - state.NewEvents.Count;
        for (int start = 0; start < state.NewEvents.Count; start += HistoryRowsPerInsert)
        {
            // One statement for up to HistoryRowsPerInsert events: an episode appends four or five.
            int count = Math.Min(HistoryRowsPerInsert, state.NewEvents.Count - start);
            var parameters = new (string Name, object? Value)[2 + (count * 6)];
            parameters[0] = ("$id", instanceId);
            parameters[1] = ("$x", executionId);
            for (int k = 0; k < count; k++)
            {
                HistoryEvent e = state.NewEvents[start + k];
                (string? data, long? payloadId) = this.payloads.Write(c, tx, instanceId, json[start + k]);
                string n = HistoryRowSuffixes[k];
                parameters[2 + (k * 6)] = ("$seq" + n, first + start + k);
                parameters[3 + (k * 6)] = ("$type" + n, (int)e.EventType);
                parameters[4 + (k * 6)] = ("$task" + n, EventJson.TaskId(e));
                parameters[5 + (k * 6)] = ("$time" + n, e.Timestamp.ToTicks());
                parameters[6 + (k * 6)] = ("$data" + n, data);
                parameters[7 + (k * 6)] = ("$p" + n, payloadId);
            }

            try
            {
                c.Execute(tx, HistoryInserts[count - 1], parameters);
            }
            catch (SqliteException ex) when (ex.SqliteErrorCode == 19)
            {
                Log.DuplicateExecution(this.logger, instanceId, executionId, first + start);
                throw new WorkItemLockLostException($"History events from {first + start} of instance '{instanceId}' were already written by another worker.", ex);
            }
        }
    }

    private const int HistoryRowsPerInsert = 16;

    private static readonly string[] HistoryRowSuffixes = [.. Enumerable.Range(0, HistoryRowsPerInsert).Select(k => k.ToString(System.Globalization.CultureInfo.InvariantCulture))];

    /// <summary>The insert of 1 to <see cref="HistoryRowsPerInsert"/> history rows, by count.</summary>
    private static readonly string[] HistoryInserts = [.. Enumerable.Range(1, HistoryRowsPerInsert).Select(count =>
        "INSERT INTO History (InstanceId, ExecutionId, SequenceNumber, EventType, TaskId, Timestamp, Data, PayloadId) VALUES "
        + string.Join(", ", HistoryRowSuffixes.Take(count).Select(n => $"($id, $x, $seq{n}, $type{n}, $task{n}, $time{n}, $data{n}, $p{n})")))];

    private static void DeleteConsumedMessages(SqliteConnection c, SqliteTransaction tx, SqliteOrchestrationWorkItem item)
    {
        // An episode mostly consumes one message: a plain key lookup then, json_each for more.
        if (item.MessageIds.Count == 1)
        {
            c.Execute(tx, "DELETE FROM Messages WHERE SequenceNumber = $id", ("$id", item.MessageIds[0]));
        }
        else if (item.MessageIds.Count > 1)
        {
            c.Execute(tx, "DELETE FROM Messages WHERE SequenceNumber IN (SELECT value FROM json_each($ids))", ("$ids", EventJson.Serialize(item.MessageIds)));
        }

        if (item.MessagePayloadIds.Count > 0)
        {
            c.Execute(tx, "DELETE FROM Payloads WHERE PayloadId IN (SELECT value FROM json_each($ids))", ("$ids", EventJson.Serialize(item.MessagePayloadIds)));
        }
    }

    /// <summary>Inserts the task of a scheduled activity; with <paramref name="locks"/>, already locked for this process's
    /// own activity dispatcher, which then takes it without a claim. Returns its sequence number.</summary>
    private long InsertTask(SqliteConnection c, SqliteTransaction tx, TaskMessage message, string json, long now, PrelockedTasks? locks)
    {
        var scheduled = (TaskScheduledEvent)message.Event;
        string instanceId = message.OrchestrationInstance.InstanceId;
        (string? data, long? payloadId) = this.payloads.Write(c, tx, instanceId, json);
        return c.ScalarInt64(
            tx,
            """
            INSERT INTO Tasks (InstanceId, ExecutionId, Name, TaskId, VisibleTime, Data, PayloadId, LockedBy, LockToken, LockExpiration, DequeueCount)
            VALUES ($id, $x, $name, $task, $now, $data, $p, $by, $token, $until, $dequeues)
            RETURNING SequenceNumber
            """,
            ("$id", instanceId),
            ("$x", message.OrchestrationInstance.ExecutionId),
            ("$name", scheduled.Name ?? string.Empty),
            ("$task", scheduled.EventId),
            ("$now", now),
            ("$data", data),
            ("$p", payloadId),
            ("$by", locks is null ? null : this.workerId),
            ("$token", locks?.Token),
            ("$until", locks?.Until.ToTicks()),
            ("$dequeues", locks is null ? 0 : 1))!.Value;
    }

    /// <summary>What one CompleteTaskOrchestrationWorkItemAsync call writes, with its JSON made beforehand on the
    /// caller's thread: the single writer only binds and executes.</summary>
    private sealed record Checkpoint(
        SqliteOrchestrationWorkItem Item,
        OrchestrationRuntimeState State,
        IList<TaskMessage> OutboundMessages,
        IList<TaskMessage> OrchestratorMessages,
        IList<TaskMessage> TimerMessages,
        TaskMessage? ContinuedAsNewMessage,
        DateTime? KeepLockUntil,
        DateTime Now,
        PrelockedTasks TaskLocks)
    {
        public string[] HistoryJson { get; } = [.. State.NewEvents.Select(e => EventJson.Serialize(e))];

        public string[] OutboundJson { get; } = [.. OutboundMessages.Select(m => EventJson.Serialize(m.Event))];

        public string[] OrchestratorJson { get; } = [.. OrchestratorMessages.Select(m => EventJson.Serialize(m.Event))];

        public string[] TimerJson { get; } = [.. TimerMessages.Select(m => EventJson.Serialize(m.Event))];

        public string? ContinuedAsNewJson { get; } = ContinuedAsNewMessage is null ? null : EventJson.Serialize(ContinuedAsNewMessage.Event);

        public string? FailureJson { get; } = State.FailureDetails is null ? null : EventJson.Serialize(State.FailureDetails);

        public string? TagsJson { get; } = State.ExecutionStartedEvent?.Tags is { Count: > 0 } tags ? EventJson.Serialize(tags) : null;
    }
}
