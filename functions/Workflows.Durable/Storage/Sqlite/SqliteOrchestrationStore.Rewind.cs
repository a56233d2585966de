using Microsoft.Data.Sqlite;
using Workflows.Durable.Client;

namespace Workflows.Durable.Storage.Sqlite;

/// <summary>Rewind of failed instances.</summary>
public sealed partial class SqliteOrchestrationStore
{
    /// <summary>Cuts the history of a failed instance at its first failure and re-creates whatever was outstanding then:
    /// failed and unfinished activities run again, unfired timers are re-armed, failed children are rewound, and results
    /// and events that arrived after the cut are delivered again. Replay then reaches the same point and carries on.</summary>
    private bool Rewind(SqliteConnection c, SqliteTransaction tx, string instanceId, string? reason, HashSet<string> visited)
    {
        if (!visited.Add(instanceId))
        {
            return false;
        }

        string executionId;
        string name;
        using (SqliteCommand read = c.Command(tx, "SELECT RuntimeStatus, ExecutionId, Name FROM Instances WHERE InstanceId = $id", ("$id", instanceId)))
        using (SqliteDataReader r = read.ExecuteReader())
        {
            if (!r.Read() || r.GetInt32(0) != (int)OrchestrationRuntimeStatus.Failed)
            {
                return false;
            }

            executionId = r.GetString(1);
            name = r.GetString(2);
        }

        List<HistoryEvent> history = ReadHistory(c, instanceId, 0, tx);
        int completedAt = history.FindLastIndex(e => e.EventType == HistoryEventType.ExecutionCompleted);
        int cut = history.FindIndex(e => e.EventType is HistoryEventType.TaskFailed or HistoryEventType.SubOrchestrationInstanceFailed);
        if (cut < 0 || (completedAt >= 0 && cut > completedAt))
        {
            cut = completedAt >= 0 ? completedAt : history.Count;
        }

        List<HistoryEvent> kept = history.GetRange(0, cut);
        List<HistoryEvent> after = history.GetRange(cut, history.Count - cut).Where(e => e.EventType != HistoryEventType.ExecutionCompleted).ToList();
        var completedInKept = kept.Where(e => e.TaskScheduledId >= 0).Select(e => e.TaskScheduledId).ToHashSet();
        long now = this.Now();

        c.Execute(tx, "DELETE FROM Payloads WHERE PayloadId IN (SELECT PayloadId FROM Inbox WHERE InstanceId = $id UNION SELECT PayloadId FROM Tasks WHERE InstanceId = $id UNION SELECT PayloadId FROM History WHERE InstanceId = $id AND SequenceNumber >= $cut)", ("$id", instanceId), ("$cut", cut));
        c.Execute(tx, "DELETE FROM Inbox WHERE InstanceId = $id", ("$id", instanceId));
        c.Execute(tx, "DELETE FROM Tasks WHERE InstanceId = $id", ("$id", instanceId));
        c.Execute(tx, "DELETE FROM History WHERE InstanceId = $id AND SequenceNumber >= $cut", ("$id", instanceId), ("$cut", cut));

        var messages = new List<(HistoryEvent Event, long VisibleAt)>
        {
            (new HistoryEvent { EventType = HistoryEventType.ExecutionRewound, Input = reason, Timestamp = SqliteCommands.ToTime(now).UtcDateTime }, now),
        };

        foreach (HistoryEvent scheduled in kept.Where(e => e.EventId >= 0 && !completedInKept.Contains(e.EventId)))
        {
            HistoryEvent? result = after.FirstOrDefault(e => e.TaskScheduledId == scheduled.EventId &&
                e.EventType is HistoryEventType.TaskCompleted or HistoryEventType.TimerFired or HistoryEventType.SubOrchestrationInstanceCompleted);
            if (result is not null)
            {
                messages.Add((result, now));
                continue;
            }

            switch (scheduled.EventType)
            {
                case HistoryEventType.TaskScheduled:
                    (string? input, long? payload) = this.StorePayload(c, tx, instanceId, scheduled.Input);
                    c.Execute(
                        tx,
                        "INSERT INTO Tasks (InstanceId, ExecutionId, TaskId, Name, Version, Input, PayloadId, VisibleAt) VALUES ($id, $e, $t, $name, $v, $input, $p, $now)",
                        ("$id", instanceId),
                        ("$e", executionId),
                        ("$t", scheduled.EventId),
                        ("$name", scheduled.Name),
                        ("$v", scheduled.Version),
                        ("$input", input),
                        ("$p", payload),
                        ("$now", now));
                    break;
                case HistoryEventType.TimerCreated:
                    var fired = new HistoryEvent { EventType = HistoryEventType.TimerFired, TaskScheduledId = scheduled.EventId, FireAt = scheduled.FireAt };
                    messages.Add((fired, Math.Max(now, scheduled.FireAt?.Ticks ?? now)));
                    break;
                case HistoryEventType.SubOrchestrationInstanceCreated:
                    this.RewindChild(c, tx, instanceId, executionId, name, scheduled, visited, messages, now);
                    break;
                default:
                    break;
            }
        }

        messages.AddRange(after.Where(e => e.EventType == HistoryEventType.EventRaised).Select(e => (e, now)));
        foreach ((HistoryEvent message, long visibleAt) in messages)
        {
            this.InsertInboxMessage(c, tx, instanceId, executionId, message, visibleAt);
        }

        c.Execute(
            tx,
            """
            UPDATE Instances SET RuntimeStatus = $running, CompletedAt = NULL, Output = NULL, OutputPayloadId = NULL, FailureDetails = NULL,
                HistoryLength = $len, LastUpdatedAt = $now, LockedBy = NULL, LockToken = NULL, LockExpiresAt = NULL
            WHERE InstanceId = $id
            """,
            ("$running", (int)OrchestrationRuntimeStatus.Running),
            ("$len", cut),
            ("$now", now),
            ("$id", instanceId));
        return true;
    }

    private void RewindChild(
        SqliteConnection c,
        SqliteTransaction tx,
        string parentId,
        string parentExecutionId,
        string parentName,
        HistoryEvent created,
        HashSet<string> visited,
        List<(HistoryEvent Event, long VisibleAt)> messages,
        long now)
    {
        string childId = created.InstanceId!;
        InstanceRecord? child = null;
        using (SqliteCommand read = c.Command(tx, SelectInstanceSql(includePayloads: true) + " WHERE i.InstanceId = $id", ("$id", childId)))
        using (SqliteDataReader r = read.ExecuteReader())
        {
            if (r.Read())
            {
                child = ReadInstance(r, includePayloads: true);
            }
        }

        switch (child?.RuntimeStatus)
        {
            case OrchestrationRuntimeStatus.Completed:
                messages.Add((new HistoryEvent { EventType = HistoryEventType.SubOrchestrationInstanceCompleted, TaskScheduledId = created.EventId, Result = child.Output }, now));
                return;
            case OrchestrationRuntimeStatus.Running or OrchestrationRuntimeStatus.Pending or OrchestrationRuntimeStatus.Suspended:
                return;
            case OrchestrationRuntimeStatus.Failed when this.Rewind(c, tx, childId, "Rewound with its parent.", visited):
                return;
            default:
                if (child is not null)
                {
                    DeleteInstanceRows(c, tx, childId);
                }

                string childExecutionId = Guid.NewGuid().ToString("N");
                this.InsertInstance(
                    c,
                    tx,
                    new NewOrchestrationInstance
                    {
                        InstanceId = childId,
                        Name = created.Name!,
                        Input = created.Input,
                        ExecutionStarted = new HistoryEvent
                        {
                            EventType = HistoryEventType.ExecutionStarted,
                            Name = created.Name,
                            Input = created.Input,
                            ExecutionId = childExecutionId,
                            Timestamp = SqliteCommands.ToTime(now).UtcDateTime,
                            ParentInstance = new ParentInstanceInfo(parentName, parentId, parentExecutionId, created.EventId),
                        },
                    },
                    parentId);
                return;
        }
    }
}
