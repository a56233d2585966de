using DurableTask.Core;
using DurableTask.Core.Exceptions;
using DurableTask.Core.History;
using Microsoft.Data.Sqlite;
using Workflows.DurableTask.Sqlite.Locking;
using Workflows.DurableTask.Sqlite.Storage;

namespace Workflows.DurableTask.Sqlite;

/// <summary>Writing orchestration messages: starts create instance rows, other messages need a live target.</summary>
public sealed partial class SqliteOrchestrationService
{
    private static readonly string[] InstanceTables = ["History", "Messages", "Tasks", "Payloads"];

    /// <summary>Enqueues one orchestration message in <paramref name="tx"/>. An ExecutionStarted creates (or, over a
    /// finished instance, replaces) the instance unless its current status is in <paramref name="refuseStatuses"/>;
    /// any other message is dropped when its instance does not exist. Returns whether the message was written.</summary>
    /// <exception cref="OrchestrationAlreadyExistsException">An ExecutionStarted met a refused status and
    /// <paramref name="throwWhenRefused"/> is set.</exception>
    private bool Enqueue(SqliteConnection c, SqliteTransaction tx, TaskMessage message, DateTime now, IReadOnlyCollection<OrchestrationStatus> refuseStatuses, bool throwWhenRefused, string? json = null, PrelockedInstance? prelock = null)
    {
        string instanceId = message.OrchestrationInstance?.InstanceId
            ?? throw new ArgumentException("The message has no orchestration instance.", nameof(message));
        long? status = c.ScalarInt64(tx, "SELECT RuntimeStatus FROM Instances WHERE InstanceId = $id", ("$id", instanceId));
        if (message.Event is ExecutionStartedEvent started)
        {
            if (status is long s && refuseStatuses.Contains((OrchestrationStatus)s))
            {
                if (throwWhenRefused)
                {
                    throw new OrchestrationAlreadyExistsException(
                        $"An orchestration with id '{instanceId}' already exists and is {(OrchestrationStatus)s}.");
                }

                Log.MessageDropped(this.logger, nameof(EventType.ExecutionStarted), instanceId, "the instance already exists");
                return false;
            }

            if (status is not null)
            {
                DeleteInstance(c, tx, instanceId);
            }

            this.InsertInstance(c, tx, started, instanceId, now, prelock);
        }
        else if (status is null)
        {
            Log.MessageDropped(this.logger, message.Event.EventType.ToString(), instanceId, "the instance does not exist");
            return false;
        }

        (long sequence, long? payloadId) = this.InsertMessage(c, tx, instanceId, message.OrchestrationInstance.ExecutionId, message.Event, now, json);
        if (prelock is not null)
        {
            prelock.SequenceNumber = sequence;
            prelock.PayloadId = payloadId;
        }

        return true;
    }

    /// <summary>Inserts a message; <paramref name="json"/> is the event's JSON when the caller made it already. Returns
    /// its row and its payload row, if it has one.</summary>
    private (long SequenceNumber, long? PayloadId) InsertMessage(SqliteConnection c, SqliteTransaction tx, string instanceId, string? executionId, HistoryEvent e, DateTime now, string? json = null)
    {
        (string? data, long? payloadId) = this.payloads.Write(c, tx, instanceId, json ?? EventJson.Serialize(e));
        c.Execute(
            tx,
            "INSERT INTO Messages (InstanceId, ExecutionId, EventType, VisibleTime, Data, PayloadId) VALUES ($i, $x, $t, $v, $d, $p)",
            ("$i", instanceId),
            ("$x", string.IsNullOrEmpty(executionId) ? null : executionId),
            ("$t", (int)e.EventType),
            ("$v", EventJson.VisibleTime(e, now).ToTicks()),
            ("$d", data),
            ("$p", payloadId));
        return (SQLitePCL.raw.sqlite3_last_insert_rowid(c.Handle), payloadId);
    }

    /// <summary>Inserts the row of a new instance, locked with <paramref name="prelock"/> if given.</summary>
    private void InsertInstance(SqliteConnection c, SqliteTransaction tx, ExecutionStartedEvent started, string instanceId, DateTime now, PrelockedInstance? prelock)
    {
        (string? input, long? inputId) = this.payloads.Write(c, tx, instanceId, started.Input);
        c.Execute(
            tx,
            """
            INSERT INTO Instances (InstanceId, ExecutionId, Name, Version, RuntimeStatus, CreatedTime, LastUpdatedTime, ScheduledStartTime,
                Input, InputPayloadId, ParentInstanceId, ParentExecutionId, Tags, Generation, LockedBy, LockToken, LockExpiration)
            VALUES ($id, $x, $name, $version, $status, $now, $now, $start, $input, $inputId, $parent, $parentX, $tags, $gen, $by, $token, $until)
            """,
            ("$id", instanceId),
            ("$x", started.OrchestrationInstance?.ExecutionId ?? Guid.NewGuid().ToString("N")),
            ("$name", started.Name ?? string.Empty),
            ("$version", started.Version),
            ("$status", Pending),
            ("$now", now.ToTicks()),
            ("$start", started.ScheduledStartTime?.ToTicks()),
            ("$input", input),
            ("$inputId", inputId),
            ("$parent", started.ParentInstance?.OrchestrationInstance?.InstanceId),
            ("$parentX", started.ParentInstance?.OrchestrationInstance?.ExecutionId),
            ("$tags", started.Tags is { Count: > 0 } tags ? EventJson.Serialize(tags) : null),
            ("$gen", started.Generation ?? 0),
            ("$by", prelock is null ? null : this.workerId),
            ("$token", prelock?.Token),
            ("$until", prelock?.Until.ToTicks()));
    }

    /// <summary>Deletes an instance and everything it owns.</summary>
    private static void DeleteInstance(SqliteConnection c, SqliteTransaction tx, string instanceId)
    {
        foreach (string table in InstanceTables)
        {
            c.Execute(tx, $"DELETE FROM {table} WHERE InstanceId = $id", ("$id", instanceId));
        }

        c.Execute(tx, "DELETE FROM Instances WHERE InstanceId = $id", ("$id", instanceId));
    }

    /// <summary>Deletes the instances matching <paramref name="where"/> (over Instances <c>i</c>) and everything they own.</summary>
    private static int DeleteInstances(SqliteConnection c, SqliteTransaction tx, string where, params (string, object?)[] parameters)
    {
        foreach (string table in InstanceTables)
        {
            c.Execute(tx, $"DELETE FROM {table} WHERE InstanceId IN (SELECT i.InstanceId FROM Instances i WHERE {where})", parameters);
        }

        return c.Execute(tx, $"DELETE FROM Instances WHERE InstanceId IN (SELECT i.InstanceId FROM Instances i WHERE {where})", parameters);
    }
}
