using System.Collections.Concurrent;
using Workflows.Durable.Client;
using Workflows.Durable.Tests.Infrastructure;

namespace Workflows.Durable.Tests.Orchestrations;

public sealed class ActivityAndRetryTests
{
    private static readonly ConcurrentDictionary<string, int> Attempts = new();

    [Fact]
    public async Task Failed_activity_surfaces_as_TaskFailedException_with_type_message_stack_and_inner()
    {
        await using DurableTestHost host = await DurableTestHost.StartAsync(r => r
            .AddOrchestratorFunc<string, TaskFailureDetails>("Catch", async (ctx, _) =>
            {
                try
                {
                    await ctx.CallActivityAsync<string>("Boom");
                    throw new InvalidOperationException("unreachable");
                }
                catch (TaskFailedException ex)
                {
                    Assert.Equal("Boom", ex.TaskName);
                    Assert.StartsWith("Task 'Boom' (#0) failed with an unhandled exception: outer", ex.Message, StringComparison.Ordinal);
                    return ex.FailureDetails;
                }
            })
            .AddActivityFunc<string, string>("Boom", string (_, _) => throw new InvalidOperationException("outer", new FormatException("inner"))));

        OrchestrationMetadata result = await host.RunAsync("Catch");

        TaskFailureDetails details = result.ReadOutputAs<TaskFailureDetails>()!;
        Assert.Equal("System.InvalidOperationException", details.ErrorType);
        Assert.Equal("outer", details.ErrorMessage);
        Assert.False(string.IsNullOrEmpty(details.StackTrace));
        Assert.Equal("System.FormatException", details.InnerFailure!.ErrorType);
        Assert.Equal("inner", details.InnerFailure.ErrorMessage);
        Assert.True(details.IsCausedBy<InvalidOperationException>());
        Assert.False(details.IsCausedBy<ArgumentException>());
    }

    [Fact]
    public async Task Unhandled_activity_failure_fails_the_instance_with_details()
    {
        await using DurableTestHost host = await DurableTestHost.StartAsync(r => r
            .AddOrchestratorFunc<string, string>("Fails", async (ctx, _) => await ctx.CallActivityAsync<string>("Boom"))
            .AddActivityFunc<string, string>("Boom", string (_, _) => throw new InvalidOperationException("kaput")));

        OrchestrationMetadata result = await host.RunAsync("Fails");

        Assert.Equal(OrchestrationRuntimeStatus.Failed, result.RuntimeStatus);
        Assert.Equal("Workflows.Durable.TaskFailedException", result.FailureDetails!.ErrorType);
        Assert.Contains("kaput", result.FailureDetails.ErrorMessage, StringComparison.Ordinal);
        Assert.Equal("System.InvalidOperationException", result.FailureDetails.InnerFailure!.ErrorType);
    }

    [Fact]
    public async Task Retry_policy_waits_on_durable_timers_with_backoff_capped_at_the_max_interval()
    {
        string key = Guid.NewGuid().ToString();
        await using DurableTestHost host = await DurableTestHost.StartAsync(
            r => r
                .AddOrchestratorFunc<string, string>("Retry", (ctx, k) => ctx.CallActivityAsync<string>(
                    "Flaky",
                    k,
                    TaskOptions.FromRetryPolicy(new RetryPolicy(5, TimeSpan.FromSeconds(10), 2.0, TimeSpan.FromSeconds(30)))))
                .AddActivityFunc<string, string>("Flaky", (_, k) =>
                    Attempts.AddOrUpdate(k, 1, (_, n) => n + 1) < 4 ? throw new TimeoutException("try again") : "done"),
            fakeClock: true);

        string id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Retry", key);
        for (int retry = 1; retry <= 3; retry++)
        {
            await host.WaitForHistoryAsync(id, HistoryEventType.TimerCreated, retry);
            host.Clock!.Advance(TimeSpan.FromSeconds(30));
        }

        OrchestrationMetadata result = await host.WaitAsync(id);
        Assert.Equal("done", result.ReadOutputAs<string>());
        Assert.Equal(4, Attempts[key]);

        IList<HistoryEvent> history = await host.Client.GetOrchestrationHistoryAsync(id);
        List<HistoryEvent> timers = history.Where(e => e.EventType == HistoryEventType.TimerCreated).ToList();
        var started = history.Where(e => e.EventType == HistoryEventType.OrchestratorStarted).ToList();
        TimeSpan[] delays = timers.Select(t => t.FireAt!.Value - PreviousEpisodeStart(history, t)).ToArray();
        Assert.Equal([TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(20), TimeSpan.FromSeconds(30)], delays);
        Assert.True(started.Count >= 4);
    }

    [Fact]
    public async Task Retry_policy_gives_up_after_the_last_attempt_and_honours_HandleFailure()
    {
        string key = Guid.NewGuid().ToString();
        await using DurableTestHost host = await DurableTestHost.StartAsync(
            r => r
                .AddOrchestratorFunc<string, string>("GiveUp", async (ctx, k) =>
                {
                    var onlyTimeouts = new RetryPolicy(3, TimeSpan.FromSeconds(1)) { HandleFailure = f => f.IsCausedBy<TimeoutException>() };
                    try
                    {
                        await ctx.CallActivityAsync<string>("AlwaysFails", k + ":timeout", TaskOptions.FromRetryPolicy(onlyTimeouts));
                    }
                    catch (TaskFailedException)
                    {
                    }

                    try
                    {
                        await ctx.CallActivityAsync<string>("AlwaysFails", k + ":argument", TaskOptions.FromRetryPolicy(onlyTimeouts));
                    }
                    catch (TaskFailedException ex)
                    {
                        return ex.FailureDetails.ErrorType;
                    }

                    return "no failure";
                })
                .AddActivityFunc<string, string>("AlwaysFails", string (_, k) =>
                {
                    Attempts.AddOrUpdate(k, 1, (_, n) => n + 1);
                    throw k.EndsWith(":timeout", StringComparison.Ordinal) ? new TimeoutException() : new ArgumentException("bad");
                }),
            fakeClock: true);

        string id = await host.Client.ScheduleNewOrchestrationInstanceAsync("GiveUp", key);
        for (int retry = 1; retry <= 2; retry++)
        {
            await host.WaitForHistoryAsync(id, HistoryEventType.TimerCreated, retry);
            host.Clock!.Advance(TimeSpan.FromSeconds(1));
        }

        OrchestrationMetadata result = await host.WaitAsync(id);
        Assert.Equal("System.ArgumentException", result.ReadOutputAs<string>());
        Assert.Equal(3, Attempts[key + ":timeout"]);
        Assert.Equal(1, Attempts[key + ":argument"]);
    }

    [Fact]
    public async Task Retry_timeout_stops_retries_that_would_start_after_it()
    {
        string key = Guid.NewGuid().ToString();
        await using DurableTestHost host = await DurableTestHost.StartAsync(
            r => r
                .AddOrchestratorFunc<string, string>("Timeout", async (ctx, k) =>
                {
                    try
                    {
                        return await ctx.CallActivityAsync<string>("AlwaysFails", k, TaskOptions.FromRetryPolicy(
                            new RetryPolicy(10, TimeSpan.FromMinutes(1), 1.0, null, TimeSpan.FromMinutes(2.5))));
                    }
                    catch (TaskFailedException)
                    {
                        return "gave up";
                    }
                })
                .AddActivityFunc<string, string>("AlwaysFails", string (_, k) =>
                {
                    Attempts.AddOrUpdate(k, 1, (_, n) => n + 1);
                    throw new TimeoutException();
                }),
            fakeClock: true);

        string id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Timeout", key);
        for (int retry = 1; retry <= 2; retry++)
        {
            await host.WaitForHistoryAsync(id, HistoryEventType.TimerCreated, retry);
            host.Clock!.Advance(TimeSpan.FromMinutes(1));
        }

        OrchestrationMetadata result = await host.WaitAsync(id);
        Assert.Equal("gave up", result.ReadOutputAs<string>());
        Assert.Equal(3, Attempts[key]);
    }

    [Fact]
    public async Task Custom_retry_handler_decides_from_the_attempt_number()
    {
        string key = Guid.NewGuid().ToString();
        await using DurableTestHost host = await DurableTestHost.StartAsync(r => r
            .AddOrchestratorFunc<string, string>("Handler", (ctx, k) => ctx.CallActivityAsync<string>(
                "Flaky", k, TaskOptions.FromRetryHandler(c => c.LastAttemptNumber < 3 && c.LastFailure.IsCausedBy<TimeoutException>())))
            .AddActivityFunc<string, string>("Flaky", (_, k) =>
                Attempts.AddOrUpdate(k, 1, (_, n) => n + 1) < 3 ? throw new TimeoutException() : "third time"));

        OrchestrationMetadata result = await host.RunAsync("Handler", key);

        Assert.Equal("third time", result.ReadOutputAs<string>());
    }

    [Fact]
    public async Task Activity_context_carries_instance_and_task_id_and_class_activities_use_dependency_injection()
    {
        await using DurableTestHost host = await DurableTestHost.StartAsync(
            r => r
                .AddOrchestratorFunc<string, string[]>("Ids", async (ctx, _) =>
                    [await ctx.CallActivityAsync<string>(nameof(DescribeCall)), await ctx.CallActivityAsync<string>(nameof(DescribeCall))])
                .AddActivity<DescribeCall>(),
            services: s => Microsoft.Extensions.DependencyInjection.ServiceCollectionServiceExtensions.AddSingleton(s, new Greeting("hi")));

        OrchestrationMetadata result = await host.RunAsync("Ids", null, "ids-1");

        Assert.Equal(["hi ids-1 #0", "hi ids-1 #1"], result.ReadOutputAs<string[]>()!);
    }

    [Fact]
    public async Task Passing_options_as_the_input_is_rejected()
    {
        await using DurableTestHost host = await DurableTestHost.StartAsync(r => r
            .AddOrchestratorFunc<string, string>("Misuse", (ctx, _) => ctx.CallActivityAsync<string>("Any", (object)new TaskOptions()))
            .AddActivityFunc<string, string>("Any", (_, s) => s));

        OrchestrationMetadata result = await host.RunAsync("Misuse");

        Assert.Equal(OrchestrationRuntimeStatus.Failed, result.RuntimeStatus);
        Assert.Equal("System.ArgumentException", result.FailureDetails!.ErrorType);
    }

    private static DateTime PreviousEpisodeStart(IList<HistoryEvent> history, HistoryEvent timer)
    {
        int index = history.IndexOf(timer);
        return history.Take(index).Last(e => e.EventType == HistoryEventType.OrchestratorStarted).Timestamp;
    }

    public sealed record Greeting(string Text);

    public sealed class DescribeCall : TaskActivity<object?, string>
    {
        private readonly Greeting greeting;

        public DescribeCall(Greeting greeting) => this.greeting = greeting;

        public override Task<string> RunAsync(TaskActivityContext context, object? input) =>
            Task.FromResult($"{this.greeting.Text} {context.InstanceId} #{context.TaskId}");
    }
}
