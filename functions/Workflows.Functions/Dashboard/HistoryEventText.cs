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

    /// <summary>A line of details: due time, instance, status, input, result, failure (each cut at
    /// <paramref name="limit"/> characters).</summary>
    public static string Details(HistoryEvent e, int limit)
    {
        (string Label, string? Value)[] fields = e switch
        {
            TimerCreatedEvent timer => [("fires at", DashboardTimeline.Time(timer.FireAt))],
            ExecutionStartedEvent started => [("input", started.Input), ("parent", started.ParentInstance?.OrchestrationInstance?.InstanceId)],
            ExecutionCompletedEvent completed => [("status", completed.OrchestrationStatus.ToString()), ("result", completed.Result), ("failed:", Failure(completed.FailureDetails, null))],
            ExecutionTerminatedEvent terminated => [("reason", terminated.Input)],
            TaskScheduledEvent scheduled => [("input", scheduled.Input)],
            TaskCompletedEvent completed => [("result", completed.Result)],
            TaskFailedEvent failed => [("failed:", Failure(failed.FailureDetails, failed.Reason))],
            SubOrchestrationInstanceCreatedEvent created => [("instance", created.InstanceId), ("input", created.Input)],
            SubOrchestrationInstanceCompletedEvent completed => [("result", completed.Result)],
            SubOrchestrationInstanceFailedEvent failed => [("failed:", Failure(failed.FailureDetails, failed.Reason))],
            EventRaisedEvent raised => [("input", raised.Input)],
            EventSentEvent sent => [("instance", sent.InstanceId), ("input", sent.Input)],
            ExecutionSuspendedEvent suspended => [("reason", suspended.Reason)],
            ExecutionResumedEvent resumed => [("reason", resumed.Reason)],
            _ => [],
        };
        return string.Join("; ", fields.Where(f => !string.IsNullOrEmpty(f.Value)).Select(f => $"{f.Label} {Cut(f.Value!, limit)}"));
    }

    private static string Cut(string text, int limit) => text.Length <= limit ? text : string.Concat(text.AsSpan(0, limit), "…");

    private static string? Failure(FailureDetails? failure, string? reason) =>
        failure is not null ? $"{failure.ErrorType}: {failure.ErrorMessage}" : reason;
}
