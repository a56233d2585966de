using DurableTask.Core;
using DurableTask.Core.History;

namespace Workflows.Functions.Dashboard;

/// <summary>What the dashboard reads from DurableTask.Core's history events: the task a scheduling event starts or a
/// completion ends, names, parent and children, and a line of details.</summary>
internal static class HistoryEventText
{
    /// <summary>The id of the task an activity, timer or sub-orchestration scheduling event starts, or null.</summary>
    public static int? ScheduledId(HistoryEvent e) => e switch
    {
        TaskScheduledEvent or TimerCreatedEvent or SubOrchestrationInstanceCreatedEvent when e.EventId >= 0 => e.EventId,
        _ => null,
    };

    /// <summary>The id of the task a completion, failure or timer firing ends, or null.</summary>
    public static int? CompletedId(HistoryEvent e) => e switch
    {
        TaskCompletedEvent c => c.TaskScheduledId,
        TaskFailedEvent f => f.TaskScheduledId,
        SubOrchestrationInstanceCompletedEvent c => c.TaskScheduledId,
        SubOrchestrationInstanceFailedEvent f => f.TaskScheduledId,
        TimerFiredEvent t => t.TimerId,
        _ => null,
    };

    /// <summary>Whether the event ends its task with a failure.</summary>
    public static bool IsFailure(HistoryEvent e) => e is TaskFailedEvent or SubOrchestrationInstanceFailedEvent;

    /// <summary>Whether the event ends the execution.</summary>
    public static bool EndsExecution(HistoryEvent e) => e is ExecutionCompletedEvent or ExecutionTerminatedEvent or ContinueAsNewEvent;

    /// <summary>The orchestrator, activity or event the event names, or null.</summary>
    public static string? Name(HistoryEvent e) => e switch
    {
        ExecutionStartedEvent s => s.Name,
        TaskScheduledEvent t => t.Name,
        SubOrchestrationInstanceCreatedEvent c => c.Name,
        EventRaisedEvent r => r.Name,
        EventSentEvent s => s.Name,
        _ => null,
    };

    /// <summary>The instance that started this one as a sub-orchestration, from its execution's start, or null.</summary>
    public static string? ParentInstanceId(IEnumerable<HistoryEvent> history) =>
        history.OfType<ExecutionStartedEvent>().FirstOrDefault()?.ParentInstance?.OrchestrationInstance?.InstanceId;

    /// <summary>The sub-orchestrations the execution started, once each, in order.</summary>
    public static IReadOnlyList<string> ChildInstanceIds(IEnumerable<HistoryEvent> history) =>
        [.. history.OfType<SubOrchestrationInstanceCreatedEvent>().Select(e => e.InstanceId).Where(id => !string.IsNullOrEmpty(id)).Distinct(StringComparer.Ordinal)];

    /// <summary>The event's task column: <c>#id</c> for a scheduling event, <c>of #id</c> for the event that ends it.</summary>
    public static string Task(HistoryEvent e) =>
        ScheduledId(e) is { } scheduled ? $"#{scheduled}" : CompletedId(e) is { } completed and >= 0 ? $"of #{completed}" : string.Empty;

    /// <summary>A line of details: due time, instance, status, input, result, failure (inputs and results cut at
    /// <paramref name="limit"/> characters).</summary>
    public static string Details(HistoryEvent e, int limit)
    {
        var parts = new List<string>();
        void Add(string label, string? value)
        {
            if (!string.IsNullOrEmpty(value))
            {
                parts.Add($"{label} {(value.Length <= limit ? value : string.Concat(value.AsSpan(0, limit), "…"))}");
            }
        }

        switch (e)
        {
            case TimerCreatedEvent timer:
                parts.Add($"fires at {DashboardTimeline.Time(timer.FireAt)}");
                break;
            case ExecutionStartedEvent started:
                Add("input", started.Input);
                if (started.ParentInstance?.OrchestrationInstance?.InstanceId is { } parent)
                {
                    parts.Add($"parent {parent}");
                }

                break;
            case ExecutionCompletedEvent completed:
                parts.Add($"status {completed.OrchestrationStatus}");
                Add("result", completed.Result);
                AddFailure(parts, completed.FailureDetails, null);
                break;
            case ExecutionTerminatedEvent terminated:
                Add("reason", terminated.Input);
                break;
            case TaskScheduledEvent scheduled:
                Add("input", scheduled.Input);
                break;
            case TaskCompletedEvent completed:
                Add("result", completed.Result);
                break;
            case TaskFailedEvent failed:
                AddFailure(parts, failed.FailureDetails, failed.Reason);
                break;
            case SubOrchestrationInstanceCreatedEvent created:
                parts.Add($"instance {created.InstanceId}");
                Add("input", created.Input);
                break;
            case SubOrchestrationInstanceCompletedEvent completed:
                Add("result", completed.Result);
                break;
            case SubOrchestrationInstanceFailedEvent failed:
                AddFailure(parts, failed.FailureDetails, failed.Reason);
                break;
            case EventRaisedEvent raised:
                Add("input", raised.Input);
                break;
            case EventSentEvent sent:
                parts.Add($"instance {sent.InstanceId}");
                Add("input", sent.Input);
                break;
            case ExecutionSuspendedEvent suspended:
                Add("reason", suspended.Reason);
                break;
            case ExecutionResumedEvent resumed:
                Add("reason", resumed.Reason);
                break;
        }

        return string.Join("; ", parts);
    }

    private static void AddFailure(List<string> parts, FailureDetails? failure, string? reason)
    {
        if (failure is not null)
        {
            parts.Add($"failed: {failure.ErrorType}: {failure.ErrorMessage}");
        }
        else if (!string.IsNullOrEmpty(reason))
        {
            parts.Add($"failed: {reason}");
        }
    }
}
