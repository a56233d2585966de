using Workflows.Durable.Client;
using Workflows.Durable.Tests.Infrastructure;

namespace Workflows.Durable.Tests.Orchestrations;

public sealed class CompositionTests
{
    [Fact]
    public async Task Fan_out_to_a_thousand_activities_and_back()
    {
        await using DurableTestHost host = await DurableTestHost.StartAsync(r => r
            .AddOrchestratorFunc<int, long>("FanOut", async (ctx, n) =>
            {
                Task<int>[] tasks = Enumerable.Range(1, n).Select(i => ctx.CallActivityAsync<int>("Square", i)).ToArray();
                int[] squares = await Task.WhenAll(tasks);
                return squares.Sum(s => (long)s);
            })
            .AddActivityFunc<int, int>("Square", (_, i) => i * i));

        OrchestrationMetadata result = await host.RunAsync("FanOut", 1000);

        Assert.Equal(Enumerable.Range(1, 1000).Sum(i => (long)i * i), result.ReadOutputAs<long>());
        IList<HistoryEvent> history = await host.Client.GetOrchestrationHistoryAsync(result.InstanceId);
        Assert.Equal(1000, history.Count(e => e.EventType == HistoryEventType.TaskScheduled));
        Assert.Equal(1000, history.Count(e => e.EventType == HistoryEventType.TaskCompleted));
    }

    [Fact]
    public async Task WhenAny_over_an_activity_a_timer_an_event_and_a_sub_orchestration()
    {
        await using DurableTestHost host = await DurableTestHost.StartAsync(
            r => r
                .AddOrchestratorFunc<string, string>("Any", async (ctx, _) =>
                {
                    using var cts = new CancellationTokenSource();
                    string childId = ctx.InstanceId + ":child";
                    Task<string> child = ctx.CallSubOrchestratorAsync<string>("WaitsForRelease", null, new SubOrchestrationOptions(instanceId: childId));
                    Task timer = ctx.CreateTimer(TimeSpan.FromDays(1), cts.Token);
                    Task<string> evt = ctx.WaitForExternalEvent<string>("Go", cts.Token);
                    Task<string> activity = ctx.CallActivityAsync<string>("Slow", "a");
                    Task first = await Task.WhenAny(child, timer, evt, activity);
                    string winner = first == evt ? "event:" + await evt : first == activity ? "activity" : first == timer ? "timer" : "child";
                    cts.Cancel();

                    // An instance completes only once no task it started is outstanding, as in Durable Functions.
                    ctx.SendEvent(childId, "Release", "released");
                    return winner + ", then " + await child;
                })
                .AddOrchestratorFunc<string, string>("WaitsForRelease", (ctx, _) => ctx.WaitForExternalEvent<string>("Release"))
                .AddActivityFunc<string, string>("Slow", async (_, s) =>
                {
                    await Task.Delay(TimeSpan.FromMilliseconds(300));
                    return s;
                }),
            fakeClock: true);

        string id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Any");
        await host.WaitForHistoryAsync(id, HistoryEventType.TimerCreated);
        await host.Client.RaiseEventAsync(id, "Go", "now");

        OrchestrationMetadata result = await host.WaitAsync(id);
        Assert.Equal("event:now, then released", result.ReadOutputAs<string>());
    }

    [Fact]
    public async Task An_orchestrator_that_returns_with_a_timer_pending_completes_only_when_the_timer_fires()
    {
        await using DurableTestHost host = await DurableTestHost.StartAsync(
            r => r.AddOrchestratorFunc<string, string>("Forgetful", (ctx, input) =>
            {
                _ = ctx.CreateTimer(TimeSpan.FromHours(1), CancellationToken.None);
                return "returned";
            }),
            fakeClock: true);

        string id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Forgetful");
        await host.WaitForHistoryAsync(id, HistoryEventType.TimerCreated);
        Assert.Equal(OrchestrationRuntimeStatus.Running, (await host.Client.GetInstanceAsync(id))!.RuntimeStatus);

        host.Clock!.Advance(TimeSpan.FromHours(1));
        Assert.Equal("returned", (await host.WaitAsync(id)).ReadOutputAs<string>());
    }

    [Fact]
    public async Task Sub_orchestrations_with_explicit_and_deterministic_ids_and_failure_propagation()
    {
        await using DurableTestHost host = await DurableTestHost.StartAsync(r => r
            .AddOrchestratorFunc<string, string[]>("Parent", async (ctx, _) =>
            {
                string named = await ctx.CallSubOrchestratorAsync<string>("Child", "one", new SubOrchestrationOptions(instanceId: ctx.InstanceId + ":child"));
                string generated = await ctx.CallSubOrchestratorAsync<string>("Child", "two");
                string failure;
                try
                {
                    await ctx.CallSubOrchestratorAsync<string>("Child", "fail");
                    failure = "none";
                }
                catch (TaskFailedException ex)
                {
                    failure = $"{ex.TaskName}: {ex.FailureDetails.ErrorType}: {ex.FailureDetails.ErrorMessage}";
                }

                return [named, generated, failure];
            })
            .AddOrchestratorFunc<string, string>("Child", async (ctx, input) =>
            {
                if (input == "fail")
                {
                    throw new InvalidOperationException("child broke");
                }

                return $"{input} from {ctx.InstanceId} of {ctx.Parent!.InstanceId} ({ctx.Parent.Name})";
            }));

        OrchestrationMetadata result = await host.RunAsync("Parent", null, "family");

        string[] output = result.ReadOutputAs<string[]>()!;
        Assert.Equal("one from family:child of family (Parent)", output[0]);
        Assert.Matches("^two from [0-9a-f]{32} of family \\(Parent\\)$", output[1]);
        Assert.Equal("Child: System.InvalidOperationException: child broke", output[2]);

        IList<HistoryEvent> history = await host.Client.GetOrchestrationHistoryAsync("family");
        string generatedId = history.Where(e => e.EventType == HistoryEventType.SubOrchestrationInstanceCreated).Select(e => e.InstanceId!).ElementAt(1);
        OrchestrationMetadata child = (await host.Client.GetInstanceAsync(generatedId))!;
        Assert.Equal("family", child.ParentInstanceId);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, child.RuntimeStatus);
    }

    [Fact]
    public async Task SendEvent_delivers_to_another_instance()
    {
        await using DurableTestHost host = await DurableTestHost.StartAsync(r => r
            .AddOrchestratorFunc<string, string>("Receiver", (ctx, _) => ctx.WaitForExternalEvent<string>("Ping"))
            .AddOrchestratorFunc<string, string>("Sender", (ctx, target) =>
            {
                ctx.SendEvent(target, "Ping", "hello from " + ctx.InstanceId);
                return Task.FromResult("sent");
            }));

        string receiver = await host.Client.ScheduleNewOrchestrationInstanceAsync("Receiver");
        await host.Client.WaitForInstanceStartAsync(receiver);
        await host.RunAsync("Sender", receiver, "sender-1");

        Assert.Equal("hello from sender-1", (await host.WaitAsync(receiver)).ReadOutputAs<string>());
    }

    [Fact]
    public async Task ContinueAsNew_restarts_with_fresh_history_and_keeps_unprocessed_events()
    {
        await using DurableTestHost host = await DurableTestHost.StartAsync(r => r
            .AddOrchestratorFunc<int, int>("Counter", async (ctx, total) =>
            {
                int add = await ctx.WaitForExternalEvent<int>("Add");
                total += add;
                ctx.SetCustomStatus(new { total });
                if (total < 6)
                {
                    ctx.ContinueAsNew(total);
                }

                return total;
            }));

        string id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Counter", 0);
        await host.Client.WaitForInstanceStartAsync(id);
        await host.Client.RaiseEventAsync(id, "Add", 1);
        await host.Client.RaiseEventAsync(id, "Add", 2);
        await host.Client.RaiseEventAsync(id, "Add", 3);

        OrchestrationMetadata result = await host.WaitAsync(id);
        Assert.Equal(6, result.ReadOutputAs<int>());
        Assert.Equal(3, result.ReadInputAs<int>());
        Assert.Contains("\"total\":6", result.SerializedCustomStatus, StringComparison.Ordinal);
        IList<HistoryEvent> history = await host.Client.GetOrchestrationHistoryAsync(id);
        Assert.Single(history, e => e.EventType == HistoryEventType.ExecutionStarted);
        Assert.Single(history, e => e.EventType == HistoryEventType.EventRaised);
    }

    [Fact]
    public async Task Custom_status_is_visible_to_clients_while_running()
    {
        await using DurableTestHost host = await DurableTestHost.StartAsync(r => r
            .AddOrchestratorFunc<string, string>("Status", async (ctx, _) =>
            {
                ctx.SetCustomStatus(new { stage = "waiting", count = 2 });
                string reply = await ctx.WaitForExternalEvent<string>("Reply");
                ctx.SetCustomStatus(null);
                return reply;
            }));

        string id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Status");
        await DurableTestHost.Eventually(
            async () => (await host.Client.GetInstanceAsync(id, true))?.SerializedCustomStatus is not null,
            "custom status");
        OrchestrationMetadata running = (await host.Client.GetInstanceAsync(id, true))!;
        Assert.Equal("{\"stage\":\"waiting\",\"count\":2}", running.SerializedCustomStatus);
        Assert.Equal(OrchestrationRuntimeStatus.Running, running.RuntimeStatus);

        await host.Client.RaiseEventAsync(id, "Reply", "ok");
        OrchestrationMetadata done = await host.WaitAsync(id);
        Assert.Null(done.SerializedCustomStatus);
    }

    [Fact]
    public async Task Large_inputs_and_outputs_round_trip()
    {
        string big = new('x', 200_000);
        await using DurableTestHost host = await DurableTestHost.StartAsync(r => r
            .AddOrchestratorFunc<string, string>("Big", async (ctx, s) => await ctx.CallActivityAsync<string>("Echo", s) + "!")
            .AddActivityFunc<string, string>("Echo", (_, s) => s));

        OrchestrationMetadata result = await host.RunAsync("Big", big);

        Assert.Equal(big + "!", result.ReadOutputAs<string>());
        Assert.Equal(big, result.ReadInputAs<string>());
    }
}
