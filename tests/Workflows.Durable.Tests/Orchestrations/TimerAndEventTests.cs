using Workflows.Durable.Client;
using Workflows.Durable.Tests.Infrastructure;

namespace Workflows.Durable.Tests.Orchestrations;

public sealed class TimerAndEventTests
{
    [Fact]
    public async Task Durable_timer_fires_when_the_clock_passes_it_and_time_comes_from_history()
    {
        await using DurableTestHost host = await DurableTestHost.StartAsync(
            r => r.AddOrchestratorFunc<string, DateTime[]>("Sleep", async (ctx, _) =>
            {
                DateTime before = ctx.CurrentUtcDateTime;
                await ctx.CreateTimer(TimeSpan.FromDays(14), CancellationToken.None);
                return [before, ctx.CurrentUtcDateTime];
            }),
            fakeClock: true);
        DateTime start = host.Clock!.GetUtcNow().UtcDateTime;

        string id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Sleep");
        await host.WaitForHistoryAsync(id, HistoryEventType.TimerCreated);
        host.Clock.Advance(TimeSpan.FromDays(13));
        await Task.Delay(200);
        Assert.Equal(OrchestrationRuntimeStatus.Running, (await host.Client.GetInstanceAsync(id))!.RuntimeStatus);

        host.Clock.Advance(TimeSpan.FromDays(1));
        OrchestrationMetadata result = await host.WaitAsync(id);

        DateTime[] times = result.ReadOutputAs<DateTime[]>()!;
        Assert.Equal(start, times[0]);
        Assert.True(times[1] >= start.AddDays(14), $"{times[1]:o} is before the timer's fire time");
        IList<HistoryEvent> history = await host.Client.GetOrchestrationHistoryAsync(id);
        HistoryEvent timer = history.Single(e => e.EventType == HistoryEventType.TimerCreated);
        Assert.Equal(start.AddDays(14), timer.FireAt);

        // Events the orchestrator makes carry its episode's time, so timelines and the history API show when they happened.
        Assert.Equal(start, timer.Timestamp);
        Assert.Equal(start.AddDays(14), history.Single(e => e.EventType == HistoryEventType.TimerFired).Timestamp);
        Assert.Equal(times[1], history.Single(e => e.EventType == HistoryEventType.ExecutionCompleted).Timestamp);
    }

    [Fact]
    public async Task Event_raised_before_the_wait_is_buffered_and_events_arrive_in_order()
    {
        await using DurableTestHost host = await DurableTestHost.StartAsync(
            r => r.AddOrchestratorFunc<string, int[]>("Collect", async (ctx, _) =>
            {
                await ctx.CreateTimer(TimeSpan.FromMinutes(5), CancellationToken.None);
                int a = await ctx.WaitForExternalEvent<int>("Number");
                int b = await ctx.WaitForExternalEvent<int>("NUMBER");
                int c = await ctx.WaitForExternalEvent<int>("number");
                return [a, b, c];
            }),
            fakeClock: true);

        string id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Collect");
        await host.WaitForHistoryAsync(id, HistoryEventType.TimerCreated);
        await host.Client.RaiseEventAsync(id, "number", 1);
        await host.Client.RaiseEventAsync(id, "Number", 2);
        await host.Client.RaiseEventAsync(id, "nUmBeR", 3);
        await host.WaitForHistoryAsync(id, HistoryEventType.EventRaised, 3);
        host.Clock!.Advance(TimeSpan.FromMinutes(5));

        OrchestrationMetadata result = await host.WaitAsync(id);
        Assert.Equal([1, 2, 3], result.ReadOutputAs<int[]>()!);
    }

    [Fact]
    public async Task A_wait_is_noted_once_in_history_when_it_starts_and_a_buffered_event_needs_no_wait()
    {
        await using DurableTestHost host = await DurableTestHost.StartAsync(
            r => r.AddOrchestratorFunc<string, int>("Noted", async (ctx, _) =>
            {
                Task<int> approval = ctx.WaitForExternalEvent<int>("Approval");
                await ctx.CreateTimer(TimeSpan.FromHours(1), CancellationToken.None);
                int a = await approval;
                int b = await ctx.WaitForExternalEvent<int>("Late");
                return a + b;
            }),
            fakeClock: true);
        DateTime start = host.Clock!.GetUtcNow().UtcDateTime;

        string id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Noted");
        await host.WaitForHistoryAsync(id, HistoryEventType.TimerCreated);
        await host.Client.RaiseEventAsync(id, "Late", 2);
        await host.WaitForHistoryAsync(id, HistoryEventType.EventRaised);
        host.Clock.Advance(TimeSpan.FromHours(1));
        await host.WaitForHistoryAsync(id, HistoryEventType.TimerFired);
        host.Clock.Advance(TimeSpan.FromHours(1));
        await host.Client.RaiseEventAsync(id, "Approval", 40);

        Assert.Equal(42, (await host.WaitAsync(id)).ReadOutputAs<int>());
        HistoryEvent note = Assert.Single(await host.Client.GetOrchestrationHistoryAsync(id), e => e.EventType == HistoryEventType.EventWaitStarted);
        Assert.Equal(("Approval", start), (note.Name, note.Timestamp));
    }

    [Fact]
    public async Task Wait_with_timeout_returns_the_event_and_the_cancelled_timer_no_longer_holds_the_instance()
    {
        await using DurableTestHost host = await DurableTestHost.StartAsync(
            r => r.AddOrchestratorFunc<string, string>("Approve", async (ctx, _) =>
                await ctx.WaitForExternalEvent<string>("Decision", TimeSpan.FromDays(7))),
            fakeClock: true);

        string id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Approve");
        await host.WaitForHistoryAsync(id, HistoryEventType.TimerCreated);
        await host.Client.RaiseEventAsync(id, "Decision", "approved");

        // The clock never moves: completing proves the losing timer was cancelled and released the instance.
        OrchestrationMetadata result = await host.WaitAsync(id);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, result.RuntimeStatus);
        Assert.Equal("approved", result.ReadOutputAs<string>());
    }

    [Fact]
    public async Task Wait_with_timeout_throws_TaskCanceledException_when_the_timer_wins()
    {
        await using DurableTestHost host = await DurableTestHost.StartAsync(
            r => r.AddOrchestratorFunc<string, string>("Approve", async (ctx, _) =>
            {
                try
                {
                    return await ctx.WaitForExternalEvent<string>("Decision", TimeSpan.FromDays(7));
                }
                catch (OperationCanceledException)
                {
                    return "timed out";
                }
            }),
            fakeClock: true);

        string id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Approve");
        await host.WaitForHistoryAsync(id, HistoryEventType.TimerCreated);
        host.Clock!.Advance(TimeSpan.FromDays(7));

        OrchestrationMetadata result = await host.WaitAsync(id);
        Assert.Equal("timed out", result.ReadOutputAs<string>());

        // A decision after the deadline changes nothing.
        await host.Client.RaiseEventAsync(id, "Decision", "late");
        Assert.Equal("timed out", (await host.Client.GetInstanceAsync(id, true))!.ReadOutputAs<string>());
    }

    [Fact]
    public async Task Wait_can_be_cancelled_with_a_token_and_timers_cancelled_by_the_orchestrator_release_it()
    {
        await using DurableTestHost host = await DurableTestHost.StartAsync(
            r => r.AddOrchestratorFunc<string, string>("Race", async (ctx, _) =>
            {
                using var cts = new CancellationTokenSource();
                Task<string> decision = ctx.WaitForExternalEvent<string>("Decision", cts.Token);
                Task reminder = ctx.CreateTimer(TimeSpan.FromHours(1), cts.Token);
                Task done = await Task.WhenAny(decision, reminder);
                string outcome = done == reminder ? "reminded" : await decision;
                cts.Cancel();
                bool cancelled = done == reminder ? decision.IsCanceled : reminder.IsCanceled;
                return $"{outcome}, other cancelled: {cancelled}";
            }),
            fakeClock: true);

        string first = await host.Client.ScheduleNewOrchestrationInstanceAsync("Race");
        await host.WaitForHistoryAsync(first, HistoryEventType.TimerCreated);
        host.Clock!.Advance(TimeSpan.FromHours(1));
        Assert.Equal("reminded, other cancelled: True", (await host.WaitAsync(first)).ReadOutputAs<string>());

        string second = await host.Client.ScheduleNewOrchestrationInstanceAsync("Race");
        await host.WaitForHistoryAsync(second, HistoryEventType.TimerCreated);
        await host.Client.RaiseEventAsync(second, "decision", "yes");
        Assert.Equal("yes, other cancelled: True", (await host.WaitAsync(second)).ReadOutputAs<string>());
    }

    [Fact]
    public async Task Events_to_unknown_or_completed_instances_are_dropped_without_error()
    {
        await using DurableTestHost host = await DurableTestHost.StartAsync(r => r
            .AddOrchestratorFunc<string, string>("Quick", (_, s) => Task.FromResult(s)));
        OrchestrationMetadata done = await host.RunAsync("Quick", "x");

        await host.Client.RaiseEventAsync("no-such-instance", "Anything", 1);
        await host.Client.RaiseEventAsync(done.InstanceId, "Anything", 1);

        Assert.Null(await host.Client.GetInstanceAsync("no-such-instance"));
        IList<HistoryEvent> history = await host.Client.GetOrchestrationHistoryAsync(done.InstanceId);
        Assert.DoesNotContain(history, e => e.EventType == HistoryEventType.EventRaised);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, (await host.Client.GetInstanceAsync(done.InstanceId))!.RuntimeStatus);
    }

    [Fact]
    public async Task Event_payload_that_does_not_fit_the_awaited_type_faults_the_wait_with_a_clear_message()
    {
        await using DurableTestHost host = await DurableTestHost.StartAsync(r => r
            .AddOrchestratorFunc<string, string>("Typed", async (ctx, _) =>
            {
                try
                {
                    await ctx.WaitForExternalEvent<int>("Count");
                    return "read";
                }
                catch (InvalidOperationException ex)
                {
                    return ex.Message;
                }
            }));

        string id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Typed");
        await host.Client.WaitForInstanceStartAsync(id);
        await host.Client.RaiseEventAsync(id, "Count", "not a number");

        string message = (await host.WaitAsync(id)).ReadOutputAs<string>()!;
        Assert.Contains("event 'Count'", message, StringComparison.Ordinal);
        Assert.Contains("Int32", message, StringComparison.Ordinal);
    }
}
