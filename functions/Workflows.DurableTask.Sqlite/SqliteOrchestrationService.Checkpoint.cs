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
        using (SqliteCommand check = c.Command(
            tx,
            "SELECT ExecutionId, InputPayloadId, OutputPayloadId, CustomStatusPayloadId FROM Instances WHERE InstanceId = $id AND LockToken = $token AND LockExpiration >= $now",
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
        }

        DeleteConsumedMessages(c, tx, item.MessageIds);
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

        this.AppendHistory(c, tx, item.InstanceId, executionId, state);

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
        c.Execute(
            tx,
            $"""
            UPDATE Instances SET ExecutionId = $x, Name = $name, Version = $version, RuntimeStatus = $status, LastUpdatedTime = $now,
                CompletedTime = $completed, Output = $output, OutputPayloadId = $outputId, CustomStatus = $custom, CustomStatusPayloadId = $customId,
                FailureDetails = $failure, Generation = $generation, Tags = $tags,
                Input = CASE WHEN $newExecution THEN $input ELSE Input END, InputPayloadId = $inputId,
                LockedBy = CASE WHEN $keep THEN LockedBy END, LockToken = CASE WHEN $keep THEN LockToken END,
                LockExpiration = CASE WHEN $keep THEN $until END
            WHERE InstanceId = $id
            """,
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
            ("$failure", state.FailureDetails is null ? null : EventJson.Serialize(state.FailureDetails)),
            ("$generation", started.Generation ?? 0),
            ("$tags", started.Tags is { Count: > 0 } tags ? EventJson.Serialize(tags) : null),
            ("$newExecution", newExecution),
            ("$input", input),
            ("$inputId", newInputId),
            ("$keep", p.KeepLockUntil is not null),
            ("$until", p.KeepLockUntil?.ToTicks()),
            ("$id", item.InstanceId));

        foreach (TaskMessage message in p.OutboundMessages)
        {
            this.InsertTask(c, tx, message, now);
        }

        foreach (TaskMessage message in p.OrchestratorMessages)
        {
            if (!this.Enqueue(c, tx, message, p.Now, LiveStatusList, throwWhenRefused: false)
                && message.Event is ExecutionStartedEvent { ParentInstance: ParentInstance parent })
            {
                // The child id is held by a live instance: the parent learns that its sub-orchestration failed
                // instead of waiting for an answer that never comes.
                string reason = $"A live orchestration with id '{message.OrchestrationInstance.InstanceId}' already exists.";
                var failed = new SubOrchestrationInstanceFailedEvent(-1, parent.TaskScheduleId, reason, null, new FailureDetails("OrchestrationAlreadyExistsException", reason, null, null, isNonRetriable: true));
                this.InsertMessage(c, tx, item.InstanceId, executionId, failed, p.Now);
            }
        }

        foreach (TaskMessage message in p.TimerMessages)
        {
            this.InsertMessage(c, tx, message.OrchestrationInstance.InstanceId, message.OrchestrationInstance.ExecutionId, message.Event, p.Now);
        }

        if (p.ContinuedAsNewMessage is TaskMessage continued)
        {
            this.InsertMessage(c, tx, item.InstanceId, continued.OrchestrationInstance?.ExecutionId, continued.Event, p.Now);
        }

        return 0;
    }

    /// <summary>Appends the episode's new events at their index in the execution's history: the key (instance,
    /// execution, sequence) makes a second writer of the same episode fail instead of duplicating it.</summary>
    private void AppendHistory(SqliteConnection c, SqliteTransaction tx, string instanceId, string executionId, OrchestrationRuntimeState state)
    {
        int sequence = state.Events.Count - state.NewEvents.Count;
        foreach (HistoryEvent e in state.NewEvents)
        {
            (string? data, long? payloadId) = this.payloads.Write(c, tx, instanceId, EventJson.Serialize(e));
            try
            {
                c.Execute(
                    tx,
                    "INSERT INTO History (InstanceId, ExecutionId, SequenceNumber, EventType, TaskId, Timestamp, Data, PayloadId) VALUES ($id, $x, $seq, $type, $task, $time, $data, $p)",
                    ("$id", instanceId),
                    ("$x", executionId),
                    ("$seq", sequence),
                    ("$type", (int)e.EventType),
                    ("$task", EventJson.TaskId(e)),
                    ("$time", e.Timestamp.ToTicks()),
                    ("$data", data),
                    ("$p", payloadId));
            }
            catch (SqliteException ex) when (ex.SqliteErrorCode == 19)
            {
                Log.DuplicateExecution(this.logger, instanceId, executionId, sequence);
                throw new WorkItemLockLostException($"History event {sequence} of instance '{instanceId}' was already written by another worker.", ex);
            }

            sequence++;
        }
    }

    private static void DeleteConsumedMessages(SqliteConnection c, SqliteTransaction tx, IReadOnlyList<long> messageIds)
    {
        if (messageIds.Count == 0)
        {
            return;
        }

        c.Execute(
            tx,
            """
            DELETE FROM Payloads WHERE PayloadId IN (SELECT PayloadId FROM Messages WHERE SequenceNumber IN (SELECT value FROM json_each($ids)) AND PayloadId IS NOT NULL);
            DELETE FROM Messages WHERE SequenceNumber IN (SELECT value FROM json_each($ids));
            """,
            ("$ids", EventJson.Serialize(messageIds)));
    }

    private void InsertTask(SqliteConnection c, SqliteTransaction tx, TaskMessage message, long now)
    {
        var scheduled = (TaskScheduledEvent)message.Event;
        string instanceId = message.OrchestrationInstance.InstanceId;
        (string? data, long? payloadId) = this.payloads.Write(c, tx, instanceId, EventJson.Serialize(scheduled));
        c.Execute(
            tx,
            "INSERT INTO Tasks (InstanceId, ExecutionId, Name, TaskId, VisibleTime, Data, PayloadId) VALUES ($id, $x, $name, $task, $now, $data, $p)",
            ("$id", instanceId),
            ("$x", message.OrchestrationInstance.ExecutionId),
            ("$name", scheduled.Name ?? string.Empty),
            ("$task", scheduled.EventId),
            ("$now", now),
            ("$data", data),
            ("$p", payloadId));
    }

    /// <summary>What one CompleteTaskOrchestrationWorkItemAsync call writes.</summary>
    private sealed record Checkpoint(
        SqliteOrchestrationWorkItem Item,
        OrchestrationRuntimeState State,
        IList<TaskMessage> OutboundMessages,
        IList<TaskMessage> OrchestratorMessages,
        IList<TaskMessage> TimerMessages,
        TaskMessage? ContinuedAsNewMessage,
        DateTime? KeepLockUntil,
        DateTime Now);
}
