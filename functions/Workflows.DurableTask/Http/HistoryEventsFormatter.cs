using System.Text.Json.Nodes;
using DurableTask.Core;
using DurableTask.Core.History;

namespace Workflows.DurableTask.Http;

/// <summary>Writes an instance's DurableTask.Core history as the Durable Functions HTTP API does: PascalCase fields, event
/// types by name, episode markers left out, and each completed activity or sub-orchestration shown once, on its completion,
/// with the name and time of its scheduling (<c>FunctionName</c>, <c>ScheduledTime</c>).</summary>
internal static class HistoryEventsFormatter
{
    public static JsonArray Format(IEnumerable<HistoryEvent> history, bool showHistoryOutput)
    {
        HistoryEvent[] events = history.ToArray();
        var scheduling = new HistoryScheduling(events);
        var formatted = new JsonArray();
        foreach (HistoryEvent e in events)
        {
            if (e.EventType is EventType.OrchestratorStarted or EventType.OrchestratorCompleted || scheduling.IsAnswered(e))
            {
                continue;
            }

            var item = new JsonObject { ["EventType"] = e.EventType.ToString(), ["Timestamp"] = Utc(e.Timestamp) };
            AddOrigin(item, scheduling.OriginOf(e));
            Describe(e, item, showHistoryOutput, scheduling);
            formatted.Add(item);
        }

        return formatted;
    }

    private static void Describe(HistoryEvent e, JsonObject item, bool showHistoryOutput, HistoryScheduling scheduling)
    {
        switch (e)
        {
            case ExecutionStartedEvent started:
                item["FunctionName"] = started.Name;
                AddIfSet(item, "ScheduledStartTime", started.ScheduledStartTime);
                break;
            case TaskScheduledEvent scheduled:
                item["Name"] = scheduled.Name;
                break;
            case SubOrchestrationInstanceCreatedEvent created:
                item["Name"] = created.Name;
                item["InstanceId"] = created.InstanceId;
                break;
            case TaskCompletedEvent or SubOrchestrationInstanceCompletedEvent:
                AddResult(item, e is TaskCompletedEvent task ? task.Result : ((SubOrchestrationInstanceCompletedEvent)e).Result, showHistoryOutput);
                break;
            case TaskFailedEvent or SubOrchestrationInstanceFailedEvent:
                AddFailure(item, e);
                break;
            case TimerCreatedEvent created:
                AddIfSet(item, "FireAt", created.FireAt);
                break;
            case TimerFiredEvent fired:
                // A fired timer names its creation; the creation's time stands in when the fired event carries none.
                AddIfSet(item, "FireAt", fired.FireAt != default ? fired.FireAt : scheduling.Timer(fired.TimerId)?.FireAt);
                break;
            case EventRaisedEvent raised:
                item["Name"] = raised.Name;
                break;
            case EventSentEvent sent:
                item["Name"] = sent.Name;
                item["InstanceId"] = sent.InstanceId;
                item["Input"] = sent.Input;
                break;

            // ContinueAsNewEvent derives from ExecutionCompletedEvent, so it comes first; its result is the next input.
            case ContinueAsNewEvent continued:
                AddResult(item, continued.Result, showHistoryOutput);
                break;
            case ExecutionCompletedEvent completed:
                item["OrchestrationStatus"] = completed.OrchestrationStatus.ToString();
                AddResult(item, completed.Result, showHistoryOutput);
                if (completed.FailureDetails is { } failure)
                {
                    item["FailureDetails"] = Failure(failure);
                }

                break;
            case ExecutionSuspendedEvent suspended:
                AddIfSet(item, "Reason", suspended.Reason);
                break;
            case ExecutionResumedEvent resumed:
                AddIfSet(item, "Reason", resumed.Reason);
                break;
            case ExecutionRewoundEvent rewound:
                AddIfSet(item, "Reason", rewound.Reason);
                break;
            default:
                // ExecutionTerminated among them: Durable Functions leaves the reason out of history; the output shows it.
                break;
        }
    }

    // A completion names what it answers, with the time that was scheduled.
    private static void AddOrigin(JsonObject item, HistoryEvent? origin)
    {
        switch (origin)
        {
            case TaskScheduledEvent scheduled:
                item["FunctionName"] = scheduled.Name;
                item["ScheduledTime"] = Utc(scheduled.Timestamp);
                break;
            case SubOrchestrationInstanceCreatedEvent created:
                item["FunctionName"] = created.Name;
                item["ScheduledTime"] = Utc(created.Timestamp);
                AddIfSet(item, "InstanceId", created.InstanceId);
                break;
            default:
                break;
        }
    }

    private static void AddResult(JsonObject item, string? result, bool showHistoryOutput)
    {
        if (showHistoryOutput)
        {
            item["Result"] = ManagementJson.ParseOrString(result);
        }
    }

    // With failure details propagated, DurableTask.Core leaves Reason and Details empty; the details supply them.
    private static void AddFailure(JsonObject item, HistoryEvent e)
    {
        (string? reason, string? details, FailureDetails? failure) = e switch
        {
            TaskFailedEvent task => (task.Reason, task.Details, task.FailureDetails),
            SubOrchestrationInstanceFailedEvent child => (child.Reason, child.Details, child.FailureDetails),
            _ => default,
        };
        AddIfSet(item, "Reason", reason ?? failure?.ErrorMessage);
        string? described = failure is null ? null : $"{failure.ErrorType}: {failure.ErrorMessage}";
        if (failure?.StackTrace is { } stackTrace)
        {
            described += Environment.NewLine + stackTrace;
        }

        AddIfSet(item, "Details", details ?? described);
        if (failure is not null)
        {
            item["FailureDetails"] = Failure(failure);
        }
    }

    private static JsonObject Failure(FailureDetails failure) => new()
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
