using Workflows.Durable;
using Workflows.Functions.Dashboard;

namespace Workflows.Functions.Tests.Dashboard;

/// <summary>How the timeline turns a history into bars, waits for external events especially.</summary>
public sealed class DashboardTimelineTests
{
    private static readonly DateTime T0 = new(2026, 3, 2, 9, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void A_wait_renewed_after_each_reminder_is_one_bar_from_its_first_note_to_the_answering_event()
    {
        HistoryEvent[] history =
        [
            Event(HistoryEventType.ExecutionStarted, 0),
            Timer(0, 0, fireHours: 6),
            Wait("Decision", 0),
            Wait("Withdraw", 0),
            new HistoryEvent { EventType = HistoryEventType.TimerFired, TaskScheduledId = 0, Timestamp = T0.AddHours(6) },
            Timer(1, 6, fireHours: 12),
            Wait("Decision", 6),
            Wait("Withdraw", 6),
            Event(HistoryEventType.EventRaised, 8, "decision"),
        ];

        IReadOnlyList<DashboardTimeline.Span> spans = DashboardTimeline.Spans(history, T0.AddHours(10));

        Assert.Equal(["timer", "wait", "wait", "timer"], spans.Select(s => s.Kind));
        DashboardTimeline.Span decision = spans.Single(s => s.Label == "event 'Decision'");
        Assert.Equal((T0, T0.AddHours(8), "received"), (decision.Start, decision.End, decision.Outcome));
        DashboardTimeline.Span withdraw = spans.Single(s => s.Label == "event 'Withdraw'");
        Assert.Equal((T0, T0.AddHours(10), "waiting"), (withdraw.Start, withdraw.End, withdraw.Outcome));
    }

    [Fact]
    public void Waits_in_one_episode_are_side_by_side_and_a_finished_execution_ends_the_open_ones()
    {
        HistoryEvent[] history =
        [
            Event(HistoryEventType.ExecutionStarted, 0),
            Wait("Vote", 0),
            Wait("Vote", 0),
            Event(HistoryEventType.EventRaised, 1, "Vote"),
            Event(HistoryEventType.EventRaised, 2, "Other"),
            Event(HistoryEventType.ExecutionTerminated, 3),
        ];

        IReadOnlyList<DashboardTimeline.Span> spans = DashboardTimeline.Spans(history, T0.AddHours(50));

        Assert.Equal(
            [(T0, T0.AddHours(1), "received"), (T0, T0.AddHours(3), "ended")],
            spans.Select(s => (s.Start, s.End, s.Outcome)).Order());
        Assert.All(spans, s => Assert.Equal("wait", s.Kind));
    }

    [Fact]
    public void A_finished_execution_ends_its_open_timers_and_activities_where_it_ended()
    {
        HistoryEvent[] history =
        [
            Event(HistoryEventType.ExecutionStarted, 0),
            Timer(0, 0, fireHours: 24),
            new HistoryEvent { EventType = HistoryEventType.TaskScheduled, EventId = 1, Name = "Send", Timestamp = T0 },
            Event(HistoryEventType.ExecutionTerminated, 2),
            Event(HistoryEventType.ExecutionCompleted, 2),
        ];

        IReadOnlyList<DashboardTimeline.Span> spans = DashboardTimeline.Spans(history, T0.AddHours(30));

        Assert.Equal([("timer", T0.AddHours(2), "ended"), ("activity", T0.AddHours(2), "ended")], spans.Select(s => (s.Kind, s.End, s.Outcome)));
    }

    [Fact]
    public void An_event_that_nobody_waited_for_draws_no_bar()
    {
        HistoryEvent[] history = [Event(HistoryEventType.ExecutionStarted, 0), Event(HistoryEventType.EventRaised, 1, "Early")];

        Assert.Empty(DashboardTimeline.Spans(history, T0.AddHours(2)));
        Assert.Contains("data-field=\"timeline-empty\"", DashboardTimeline.Render(history, T0.AddHours(2), t => t), StringComparison.Ordinal);
    }

    [Fact]
    public void A_long_history_draws_its_first_bars_and_counts_the_rest()
    {
        var history = new List<HistoryEvent> { Event(HistoryEventType.ExecutionStarted, 0) };
        for (int i = 0; i < DashboardTimeline.MaxBars + 100; i++)
        {
            history.Add(new HistoryEvent { EventType = HistoryEventType.TaskScheduled, EventId = i, Name = "Step", Timestamp = T0 });
        }

        for (int i = 0; i < DashboardTimeline.MaxBars + 100; i++)
        {
            history.Add(new HistoryEvent { EventType = HistoryEventType.TaskCompleted, TaskScheduledId = i, Timestamp = T0.AddSeconds(i) });
        }

        string svg = DashboardTimeline.Render(history, T0.AddHours(1), t => t);

        Assert.Equal(DashboardTimeline.MaxBars, svg.Split("<g class=\"span\"").Length - 1);
        Assert.Contains("data-field=\"timeline-more\"", svg, StringComparison.Ordinal);
        Assert.Contains("100 more", svg, StringComparison.Ordinal);
        Assert.Equal(T0.AddSeconds(599), DashboardTimeline.Spans(history, T0)[^1].End);
    }

    private static HistoryEvent Event(HistoryEventType type, int hours, string? name = null) =>
        new() { EventType = type, Timestamp = T0.AddHours(hours), Name = name };

    private static HistoryEvent Wait(string name, int hours) => Event(HistoryEventType.EventWaitStarted, hours, name);

    private static HistoryEvent Timer(int id, int hours, int fireHours) =>
        new() { EventType = HistoryEventType.TimerCreated, EventId = id, Timestamp = T0.AddHours(hours), FireAt = T0.AddHours(fireHours) };
}
