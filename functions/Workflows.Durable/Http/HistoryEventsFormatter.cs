using System.Text.Json.Nodes;

namespace Workflows.Durable.Http;

/// <summary>Writes an instance's history as the Durable Functions HTTP API does: PascalCase fields, event types by name,
/// episode markers left out, and each completed activity or sub-orchestration shown once, on its completion, with the
/// name and time of its scheduling (<c>FunctionName</c>, <c>ScheduledTime</c>).</summary>
internal static class HistoryEventsFormatter
{
    public static JsonArray Format(IReadOnlyList<HistoryEvent> history, bool showHistoryOutput)
    {
        var scheduledTasks = new Dictionary<int, HistoryEvent>();
        var createdChildren = new Dictionary<int, HistoryEvent>();
        var createdTimers = new Dictionary<int, HistoryEvent>();
        var answered = new HashSet<(HistoryEventType, int)>();
        foreach (HistoryEvent e in history)
        {
            switch (e.EventType)
            {
                case HistoryEventType.TaskScheduled:
                    scheduledTasks[e.EventId] = e;
                    break;
                case HistoryEventType.SubOrchestrationInstanceCreated:
                    createdChildren[e.EventId] = e;
                    break;
                case HistoryEventType.TimerCreated:
                    createdTimers[e.EventId] = e;
                    break;
                case HistoryEventType.TaskCompleted or HistoryEventType.TaskFailed:
                    answered.Add((HistoryEventType.TaskScheduled, e.TaskScheduledId));
                    break;
                case HistoryEventType.SubOrchestrationInstanceCompleted or HistoryEventType.SubOrchestrationInstanceFailed:
                    answered.Add((HistoryEventType.SubOrchestrationInstanceCreated, e.TaskScheduledId));
                    break;
                default:
                    break;
            }
        }

        var events = new JsonArray();
        foreach (HistoryEvent e in history)
        {
            if (e.EventType is HistoryEventType.OrchestratorStarted or HistoryEventType.OrchestratorCompleted
                || answered.Contains((e.EventType, e.EventId)))
            {
                continue;
            }

            var item = new JsonObject { ["EventType"] = e.EventType.ToString(), ["Timestamp"] = Utc(e.Timestamp) };
            Describe(e, item, showHistoryOutput, scheduledTasks, createdChildren, createdTimers);
            events.Add(item);
        }

        return events;
    }

    private static void Describe(
        HistoryEvent e,
        JsonObject item,
        bool showHistoryOutput,
        Dictionary<int, HistoryEvent> scheduledTasks,
        Dictionary<int, HistoryEvent> createdChildren,
        Dictionary<int, HistoryEvent> createdTimers)
    {
        switch (e.EventType)
        {
            case HistoryEventType.ExecutionStarted:
                item["FunctionName"] = e.Name;
                AddIfSet(item, "ScheduledStartTime", e.ScheduledStartTime?.UtcDateTime);
                break;
            case HistoryEventType.TaskScheduled:
                item["Name"] = e.Name;
                break;
            case HistoryEventType.TaskCompleted:
                AddScheduling(item, scheduledTasks.GetValueOrDefault(e.TaskScheduledId));
                AddResult(item, e.Result, showHistoryOutput);
                break;
            case HistoryEventType.TaskFailed:
                AddScheduling(item, scheduledTasks.GetValueOrDefault(e.TaskScheduledId));
                AddFailure(item, e.FailureDetails);
                break;
            case HistoryEventType.SubOrchestrationInstanceCreated:
                item["Name"] = e.Name;
                item["InstanceId"] = e.InstanceId;
                break;
            case HistoryEventType.SubOrchestrationInstanceCompleted:
            case HistoryEventType.SubOrchestrationInstanceFailed:
                HistoryEvent? created = createdChildren.GetValueOrDefault(e.TaskScheduledId);
                AddScheduling(item, created);
                AddIfSet(item, "InstanceId", created?.InstanceId);
                if (e.EventType == HistoryEventType.SubOrchestrationInstanceCompleted)
                {
                    AddResult(item, e.Result, showHistoryOutput);
                }
                else
                {
                    AddFailure(item, e.FailureDetails);
                }

                break;
            case HistoryEventType.TimerCreated:
                AddIfSet(item, "FireAt", e.FireAt);
                break;
            case HistoryEventType.TimerFired:
                AddIfSet(item, "FireAt", e.FireAt ?? createdTimers.GetValueOrDefault(e.TaskScheduledId)?.FireAt);
                break;
            case HistoryEventType.EventRaised:
                item["Name"] = e.Name;
                break;
            case HistoryEventType.EventSent:
                item["Name"] = e.Name;
                item["InstanceId"] = e.InstanceId;
                item["Input"] = e.Input;
                break;
            case HistoryEventType.ExecutionCompleted:
                item["OrchestrationStatus"] = e.OrchestrationStatus?.ToString();
                AddResult(item, e.Result, showHistoryOutput);
                if (e.FailureDetails is { } failure)
                {
                    item["FailureDetails"] = Failure(failure);
                }

                break;
            case HistoryEventType.ExecutionSuspended:
            case HistoryEventType.ExecutionResumed:
            case HistoryEventType.ExecutionRewound:
                AddIfSet(item, "Reason", e.Input);
                break;
            case HistoryEventType.ContinueAsNew:
                AddResult(item, e.Result, showHistoryOutput);
                break;
            case HistoryEventType.ExecutionTerminated:
                // Durable Functions leaves the terminate reason out of history; the instance's output shows it.
                break;
            default:
                AddIfSet(item, "Name", e.Name);
                break;
        }
    }

    private static void AddScheduling(JsonObject item, HistoryEvent? scheduling)
    {
        if (scheduling is not null)
        {
            item["FunctionName"] = scheduling.Name;
            item["ScheduledTime"] = Utc(scheduling.Timestamp);
        }
    }

    private static void AddResult(JsonObject item, string? result, bool showHistoryOutput)
    {
        if (showHistoryOutput)
        {
            item["Result"] = ManagementJson.ParseOrString(result);
        }
    }

    private static void AddFailure(JsonObject item, TaskFailureDetails? failure)
    {
        if (failure is null)
        {
            return;
        }

        item["Reason"] = failure.ErrorMessage;
        item["Details"] = failure.StackTrace is null ? failure.ToString() : failure + Environment.NewLine + failure.StackTrace;
        item["FailureDetails"] = Failure(failure);
    }

    private static JsonObject Failure(TaskFailureDetails failure) => new()
    {
        ["ErrorType"] = failure.ErrorType,
        ["ErrorMessage"] = failure.ErrorMessage,
        ["StackTrace"] = failure.StackTrace,
        ["InnerFailure"] = failure.InnerFailure is null ? null : Failure(failure.InnerFailure),
        ["IsNonRetriable"] = failure.IsNonRetriable,
    };

    private static void AddIfSet(JsonObject item, string name, string? value)
    {
        if (value is not null)
        {
            item[name] = value;
        }
    }

    private static void AddIfSet(JsonObject item, string name, DateTime? value)
    {
        if (value is { } time)
        {
            item[name] = Utc(time);
        }
    }

    // Stored times are UTC whatever their Kind says; a Kind of Utc makes them serialize with a Z.
    private static DateTime Utc(DateTime time) => time.Kind switch
    {
        DateTimeKind.Utc => time,
        DateTimeKind.Local => time.ToUniversalTime(),
        _ => DateTime.SpecifyKind(time, DateTimeKind.Utc),
    };
}
