using DurableTask.Core;
using DurableTask.Core.History;
using Workflows.Governance.Dashboard;
using Workflows.Governance.Dashboard.Pages;

namespace Workflows.Functions.Tests.Dashboard;

/// <summary>How the timeline turns DurableTask.Core's history into bars.</summary>
public sealed class DashboardTimelineTests
{
    private static readonly DateTime T0 = new(2026, 3, 2, 9, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void A_fired_timer_ends_where_it_fired_an_open_one_at_its_due_time_and_an_event_is_a_mark_where_it_arrived()
    {
        HistoryEvent[] history =
        [
            At(new ExecutionStartedEvent(-1, null), 0),
            At(new TimerCreatedEvent(0, T0.AddHours(6)), 0),
            At(new TimerFiredEvent(-1, T0.AddHours(6)) { TimerId = 0 }, 6),
            At(new TimerCreatedEvent(1, T0.AddHours(12)), 6),
            At(new EventRaisedEvent(-1, "{}") { Name = "Decision" }, 8),
        ];

        IReadOnlyList<DashboardTimeline.Span> spans = DashboardTimeline.Spans(history, T0.AddHours(10));

        Assert.Equal(
            [
                ("timer", "timer #0", T0, T0.AddHours(6), "completed"),
                ("timer", "timer #1", T0.AddHours(6), T0.AddHours(12), "waiting"),
                ("event", "event 'Decision'", T0.AddHours(8), T0.AddHours(8), "received"),
            ],
            spans.Select(s => (s.Kind, s.Label, s.Start, s.End, s.Outcome)));
    }

    [Fact]
    public void A_finished_execution_ends_its_open_timers_and_activities_where_it_ended()
    {
        HistoryEvent[] history =
        [
            At(new ExecutionStartedEvent(-1, null), 0),
            At(new TimerCreatedEvent(0, T0.AddHours(24)), 0),
            At(new TaskScheduledEvent(1, "Send", null, null), 0),
            At(new ExecutionTerminatedEvent(-1, "stop"), 2),
            At(new ExecutionCompletedEvent(-1, null, OrchestrationStatus.Terminated, null), 2),
        ];

        IReadOnlyList<DashboardTimeline.Span> spans = DashboardTimeline.Spans(history, T0.AddHours(30));

        Assert.Equal([("timer", T0.AddHours(2), "ended"), ("activity", T0.AddHours(2), "ended")], spans.Select(s => (s.Kind, s.End, s.Outcome)));
    }

    [Fact]
    public void Failed_activities_and_sub_orchestrations_are_drawn_as_failed_and_running_ones_run_to_now()
    {
        HistoryEvent[] history =
        [
            At(new ExecutionStartedEvent(-1, null), 0),
            At(new TaskScheduledEvent(0, "Send", null, null), 0),
            At(new SubOrchestrationInstanceCreatedEvent(1) { Name = "Round", InstanceId = "p:body" }, 0),
            At(new TaskScheduledEvent(2, "Record", null, null), 0),
            At(new TaskFailedEvent(-1, 0, "boom", null), 1),
            At(new SubOrchestrationInstanceFailedEvent(-1, 1, "child failed", null), 3),
        ];

        IReadOnlyList<DashboardTimeline.Span> spans = DashboardTimeline.Spans(history, T0.AddHours(5));

        Assert.Equal(
            [
                ("activity", "Send #0", T0.AddHours(1), "failed"),
                ("sub-orchestration", "Round #1", T0.AddHours(3), "failed"),
                ("activity", "Record #2", T0.AddHours(5), "running"),
            ],
            spans.Select(s => (s.Kind, s.Label, s.End, s.Outcome)));
    }

    [Fact]
    public async Task A_history_without_tasks_or_events_draws_a_note_instead_of_a_chart()
    {
        HistoryEvent[] history = [At(new ExecutionStartedEvent(-1, null), 0), At(new OrchestratorStartedEvent(-1), 0)];

        Assert.Empty(DashboardTimeline.Spans(history, T0.AddHours(2)));
        Assert.Contains("data-field=\"timeline-empty\"", await TimelineAsync(history, T0.AddHours(2)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_long_history_draws_its_first_bars_and_counts_the_rest()
    {
        var history = new List<HistoryEvent> { At(new ExecutionStartedEvent(-1, null), 0) };
        for (int i = 0; i < DashboardTimeline.MaxBars + 100; i++)
        {
            history.Add(At(new TaskScheduledEvent(i, "Step", null, null), 0));
        }

        for (int i = 0; i < DashboardTimeline.MaxBars + 100; i++)
        {
            TaskCompletedEvent completed = new(-1, i, null);
            completed.Timestamp = T0.AddSeconds(i);
            history.Add(completed);
        }

        string svg = await TimelineAsync(history, T0.AddHours(1));

        Assert.Equal(DashboardTimeline.MaxBars, svg.Split("<g class=\"span\"").Length - 1);
        Assert.Contains("data-field=\"timeline-more\"", svg, StringComparison.Ordinal);
        Assert.Contains("100 more", svg, StringComparison.Ordinal);
        Assert.Equal(T0.AddSeconds(599), DashboardTimeline.Spans(history, T0)[^1].End);
    }

    private static Task<string> TimelineAsync(IList<HistoryEvent> history, DateTime now) =>
        DashboardRender.HtmlAsync<Timeline>((nameof(Timeline.History), history), (nameof(Timeline.Now), now));

    private static HistoryEvent At(HistoryEvent e, int hours)
    {
        e.Timestamp = T0.AddHours(hours);
        return e;
    }
}
