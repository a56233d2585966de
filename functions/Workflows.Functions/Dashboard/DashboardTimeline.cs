using System.Globalization;
using System.Text;
using Workflows.Durable;

namespace Workflows.Functions.Dashboard;

/// <summary>A Gantt chart of an instance's activities, timers, sub-orchestrations and waits for external events as an
/// inline SVG: one bar from each scheduling event (or wait) to its completion (or to now, or to the timer's due time, while
/// still open).</summary>
internal static class DashboardTimeline
{
    private const int Width = 1000;
    private const int LabelWidth = 330;
    private const int RowHeight = 22;

    /// <summary>The most bars drawn.</summary>
    public const int MaxBars = 500;

    /// <summary>One bar.</summary>
    internal sealed record Span(string Kind, string Label, DateTime Start, DateTime End, string Outcome);

    /// <summary>The bars of a history, in scheduling order.</summary>
    public static IReadOnlyList<Span> Spans(IList<HistoryEvent> history, DateTime now)
    {
        // Each bar with the position in the history of its scheduling event or wait note, to order them all by it.
        List<(int Index, Span Span)> spans = Waits(history, now);

        // Once the execution ended, nothing it started is still running or waiting.
        DateTime? finished = history.LastOrDefault(e => e.EventType is HistoryEventType.ExecutionCompleted or HistoryEventType.ContinueAsNew)?.Timestamp;

        // The first completion of each task id, read once: a history may hold thousands of tasks.
        var completions = new Dictionary<int, HistoryEvent>();
        foreach (HistoryEvent e in history)
        {
            if (e.EventType is HistoryEventType.TaskCompleted or HistoryEventType.TaskFailed or HistoryEventType.TimerFired
                or HistoryEventType.SubOrchestrationInstanceCompleted or HistoryEventType.SubOrchestrationInstanceFailed)
            {
                completions.TryAdd(e.TaskScheduledId, e);
            }
        }

        for (int index = 0; index < history.Count; index++)
        {
            HistoryEvent scheduled = history[index];
            string? kind = scheduled.EventType switch
            {
                HistoryEventType.TaskScheduled => "activity",
                HistoryEventType.TimerCreated => "timer",
                HistoryEventType.SubOrchestrationInstanceCreated => "sub-orchestration",
                _ => null,
            };
            if (kind is null || scheduled.EventId < 0)
            {
                continue;
            }

            HistoryEvent? done = completions.GetValueOrDefault(scheduled.EventId);
            DateTime start = scheduled.Timestamp;
            DateTime end;
            string outcome;
            if (done is not null)
            {
                end = done.Timestamp;
                outcome = done.EventType is HistoryEventType.TaskFailed or HistoryEventType.SubOrchestrationInstanceFailed ? "failed" : "completed";
            }
            else if (finished is { } ended)
            {
                end = ended;
                outcome = "ended";
            }
            else if (kind == "timer" && scheduled.FireAt is { } fireAt)
            {
                end = fireAt;
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

            string name = kind == "timer" ? $"timer #{scheduled.EventId}" : $"{scheduled.Name} #{scheduled.EventId}";
            spans.Add((index, new Span(kind, name, start, end, outcome)));
        }

        return [.. spans.OrderBy(s => s.Index).Select(s => s.Span)];
    }

    /// <summary>The waits for external events: from the <see cref="HistoryEventType.EventWaitStarted"/> note to the event
    /// that answered it. A wait given up and started again (a reminder loop waiting anew after each timer) is one bar; a
    /// wait still open at the end runs to now, or to the end of a finished execution.</summary>
    internal static List<(int Index, Span Span)> Waits(IList<HistoryEvent> history, DateTime now)
    {
        var waits = new List<(int Index, Span Span)>();
        var open = new Dictionary<string, List<(int Index, DateTime Start)>>(StringComparer.OrdinalIgnoreCase);
        DateTime? finished = null;
        for (int i = 0; i < history.Count; i++)
        {
            HistoryEvent e = history[i];
            switch (e.EventType)
            {
                case HistoryEventType.EventWaitStarted when e.Name is not null:
                    List<(int Index, DateTime Start)> waiting = open.TryGetValue(e.Name, out List<(int, DateTime)>? list) ? list : open[e.Name] = [];

                    // Waiting again after an earlier episode's wait continues it; several in one episode wait side by side.
                    if (!waiting.Any(w => w.Start < e.Timestamp))
                    {
                        waiting.Add((i, e.Timestamp));
                    }

                    break;
                case HistoryEventType.EventRaised when e.Name is not null && open.TryGetValue(e.Name, out List<(int Index, DateTime Start)>? answered) && answered.Count > 0:
                    (int index, DateTime start) = answered[0];
                    answered.RemoveAt(0);
                    waits.Add((index, new Span("wait", $"event '{history[index].Name}'", start, Max(start, e.Timestamp), "received")));
                    break;
                case HistoryEventType.ExecutionCompleted or HistoryEventType.ExecutionTerminated or HistoryEventType.ContinueAsNew:
                    finished = e.Timestamp;
                    break;
            }
        }

        foreach (List<(int Index, DateTime Start)> left in open.Values)
        {
            foreach ((int index, DateTime start) in left)
            {
                waits.Add((index, new Span("wait", $"event '{history[index].Name}'", start, Max(start, finished ?? now), finished is null ? "waiting" : "ended")));
            }
        }

        return waits;
    }

    private static DateTime Max(DateTime a, DateTime b) => a > b ? a : b;

    /// <summary>The chart, or a note when there is nothing to chart.</summary>
    public static string Render(IList<HistoryEvent> history, DateTime now, Func<string, string> encode)
    {
        IReadOnlyList<Span> spans = Spans(history, now);
        if (spans.Count == 0)
        {
            return "<p class=\"small\" data-field=\"timeline-empty\">No activities, timers, sub-orchestrations or waits yet.</p>\n";
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
        svg.Append(CultureInfo.InvariantCulture, $"<svg class=\"timeline\" viewBox=\"0 0 {Width} {height}\" width=\"100%\" role=\"img\" aria-label=\"Timeline of activities, timers, sub-orchestrations and waits for events\">\n");
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
