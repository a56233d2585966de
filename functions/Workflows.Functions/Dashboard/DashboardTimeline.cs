using System.Globalization;
using System.Text;
using DurableTask.Core.History;

namespace Workflows.Functions.Dashboard;

/// <summary>A Gantt chart of an instance's activities, timers and sub-orchestrations as an inline SVG: one bar from each
/// scheduling event to its completion (or to now, or to the timer's due time, while still open), and a mark where each
/// external event arrived.</summary>
/// <remarks>DurableTask.Core records no event when an orchestrator starts waiting for an external event, so how long a
/// wait lasted is not in the history and no bar claims it: the marks show when events came, and the timers an
/// orchestrator sets beside its waits (deadlines, reminders) show how long it was prepared to wait.</remarks>
internal static class DashboardTimeline
{
    private const int Width = 1000;
    private const int LabelWidth = 330;
    private const int RowHeight = 22;

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

    /// <summary>The chart, or a note when there is nothing to chart.</summary>
    public static string Render(IList<HistoryEvent> history, DateTime now, Func<string, string> encode)
    {
        IReadOnlyList<Span> spans = Spans(history, now);
        if (spans.Count == 0)
        {
            return "<p class=\"small\" data-field=\"timeline-empty\">No activities, timers, sub-orchestrations or events yet.</p>\n";
        }

        // A chart of thousands of rows helps nobody and weighs megabytes: the first bars are drawn, the rest counted.
        int hidden = Math.Max(0, spans.Count - MaxBars);
        if (hidden > 0)
        {
            spans = [.. spans.Take(MaxBars)];
        }

        DateTime first = spans.Min(s => s.Start);
        DateTime last = spans.Max(s => s.End);
        double total = Math.Max((last - first).TotalMilliseconds, 1);
        double scale = (Width - LabelWidth - 10) / total;
        int height = (spans.Count * RowHeight) + 24;
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<svg class=\"timeline\" viewBox=\"0 0 {Width} {height}\" width=\"100%\" role=\"img\" aria-label=\"Timeline of activities, timers, sub-orchestrations and external events\">\n");
        svg.Append(CultureInfo.InvariantCulture, $"<text class=\"axis\" x=\"{LabelWidth}\" y=\"14\">{encode(Time(first))}</text>");
        svg.Append(CultureInfo.InvariantCulture, $"<text class=\"axis\" x=\"{Width - 5}\" y=\"14\" text-anchor=\"end\">{encode(Time(last))} (total {encode(Duration(last - first))})</text>\n");
        int row = 0;
        foreach (Span span in spans)
        {
            double y = 20 + (row * RowHeight);
            double x = LabelWidth + ((span.Start - first).TotalMilliseconds * scale);
            double w = Math.Max((span.End - span.Start).TotalMilliseconds * scale, 2);
            string duration = Duration(span.End - span.Start);
            svg.Append(CultureInfo.InvariantCulture, $"<g class=\"span\" data-kind=\"{span.Kind}\" data-outcome=\"{span.Outcome}\">");
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"0\" y=\"{y + 14:0.#}\">{encode($"{span.Kind}: {span.Label} ({duration}, {span.Outcome})")}</text>");
            svg.Append(CultureInfo.InvariantCulture, $"<rect class=\"bar {span.Kind} {span.Outcome}\" x=\"{x:0.##}\" y=\"{y + 3:0.#}\" width=\"{w:0.##}\" height=\"{RowHeight - 6}\" rx=\"3\">");
            svg.Append(CultureInfo.InvariantCulture, $"<title>{encode($"{span.Label}: {Time(span.Start)} to {Time(span.End)}, {duration}, {span.Outcome}")}</title></rect></g>\n");
            row++;
        }

        svg.Append("</svg>\n");
        if (hidden > 0)
        {
            svg.Append(CultureInfo.InvariantCulture, $"<p class=\"small\" data-field=\"timeline-more\">The first {MaxBars:N0} bars are drawn; {hidden:N0} more are not (the history table lists every event).</p>\n");
        }

        return svg.ToString();
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
