using System.Globalization;
using DurableTask.Core.History;

namespace Workflows.Governance.Dashboard;

/// <summary>A Gantt chart of an instance's activities, timers and sub-orchestrations as an inline SVG: one bar from each
/// scheduling event to its completion (or to now, or to the timer's due time, while still open), and a mark where each
/// external event arrived. The chart itself is the <c>Timeline</c> component.</summary>
/// <remarks>DurableTask.Core records no event when an orchestrator starts waiting for an external event, so how long a
/// wait lasted is not in the history and no bar claims it: the marks show when events came, and the timers an
/// orchestrator sets beside its waits (deadlines, reminders) show how long it was prepared to wait.</remarks>
internal static class DashboardTimeline
{
    /// <summary>The most bars drawn.</summary>
    public const int MaxBars = 500;

    /// <summary>One bar.</summary>
    internal sealed record Span(string Kind, string Label, DateTime Start, DateTime End, string Outcome);

    /// <summary>The bars of a history, in the order of their scheduling events (or arrival, for external events).</summary>
    public static IReadOnlyList<Span> Spans(IList<HistoryEvent> history, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(history);
        var spans = new List<Span>();

        // Once the execution ended, nothing it started is still running.
        DateTime? finished = history.LastOrDefault(HistoryEventText.EndsExecution)?.Timestamp;

        // The first completion of each task id, read once: a history may hold thousands of tasks.
        var completions = new Dictionary<int, HistoryEvent>();
        foreach (HistoryEvent e in history)
        {
            if (HistoryEventText.CompletedId(e) is { } id)
            {
                completions.TryAdd(id, e);
            }
        }

        foreach (HistoryEvent scheduled in history)
        {
            if (scheduled is EventRaisedEvent raised)
            {
                spans.Add(new Span("event", $"event '{raised.Name}'", raised.Timestamp, raised.Timestamp, "received"));
                continue;
            }

            if (HistoryEventText.ScheduledId(scheduled) is not { } taskId)
            {
                continue;
            }

            string kind = scheduled switch
            {
                TaskScheduledEvent => "activity",
                TimerCreatedEvent => "timer",
                _ => "sub-orchestration",
            };
            HistoryEvent? done = completions.GetValueOrDefault(taskId);
            DateTime start = scheduled.Timestamp;
            DateTime end;
            string outcome;
            if (done is not null)
            {
                end = done.Timestamp;
                outcome = HistoryEventText.IsFailure(done) ? "failed" : "completed";
            }
            else if (finished is { } ended)
            {
                end = ended;
                outcome = "ended";
            }
            else if (scheduled is TimerCreatedEvent timer)
            {
                end = timer.FireAt;
                outcome = "waiting";
            }
            else
            {
                end = now;
                outcome = "running";
            }

            if (end < start)
            {
                end = start;
            }

            string name = kind == "timer" ? $"timer #{taskId}" : $"{HistoryEventText.Name(scheduled)} #{taskId}";
            spans.Add(new Span(kind, name, start, end, outcome));
        }

        return spans;
    }

    /// <summary>A duration in the largest sensible units.</summary>
    public static string Duration(TimeSpan duration) => duration.TotalSeconds switch
    {
        < 1 => string.Create(CultureInfo.InvariantCulture, $"{duration.TotalMilliseconds:0} ms"),
        < 60 => string.Create(CultureInfo.InvariantCulture, $"{duration.TotalSeconds:0.0} s"),
        < 3600 => string.Create(CultureInfo.InvariantCulture, $"{(int)duration.TotalMinutes} min {duration.Seconds} s"),
        < 86400 => string.Create(CultureInfo.InvariantCulture, $"{(int)duration.TotalHours} h {duration.Minutes} min"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{(int)duration.TotalDays} d {duration.Hours} h"),
    };

    /// <summary>A UTC time as shown on the dashboard.</summary>
    public static string Time(DateTime time) => DateTime.SpecifyKind(time, DateTimeKind.Utc).ToString("yyyy-MM-dd HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
}
