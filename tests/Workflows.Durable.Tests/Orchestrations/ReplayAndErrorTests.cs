using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Workflows.Durable.Client;
using Workflows.Durable.Tests.Infrastructure;

namespace Workflows.Durable.Tests.Orchestrations;

public sealed class ReplayAndErrorTests
{
    private static readonly ConcurrentDictionary<string, string> Switches = new();
    private static readonly ConcurrentQueue<string> Logged = new();

    [Fact]
    public async Task Replay_sees_IsReplaying_history_time_and_the_same_guids()
    {
        var replayFlags = new ConcurrentQueue<bool>();
        await using DurableTestHost host = await DurableTestHost.StartAsync(
            r => r
                .AddOrchestratorFunc<string, string[]>("Deterministic", async (ctx, _) =>
                {
                    Guid first = ctx.NewGuid();
                    DateTime startedAt = ctx.CurrentUtcDateTime;
                    string recorded = await ctx.CallActivityAsync<string>("Record", first.ToString());
                    replayFlags.Enqueue(ctx.IsReplaying);
                    Guid second = ctx.NewGuid();
                    await ctx.CallActivityAsync<string>("Record", second.ToString());
                    return [recorded, first.ToString(), second.ToString(), startedAt.ToString("o")];
                })
                .AddActivityFunc<string, string>("Record", (_, s) => s),
            worker: o => o.ExtendedSessionsEnabled = false);

        OrchestrationMetadata result = await host.RunAsync("Deterministic", null, "replay-1");

        string[] output = result.ReadOutputAs<string[]>()!;
        Assert.Equal(output[0], output[1]);
        Assert.NotEqual(output[1], output[2]);
        Assert.Equal(result.CreatedAt.UtcDateTime, DateTime.Parse(output[3], null, System.Globalization.DateTimeStyles.RoundtripKind), TimeSpan.FromSeconds(5));

        // Without sessions every episode replays: the code after the first activity ran once live, then once in replay.
        Assert.Equal([false, true], replayFlags.ToArray());
    }

    [Fact]
    public async Task Replay_safe_logger_writes_each_entry_once()
    {
        Logged.Clear();
        await using DurableTestHost host = await DurableTestHost.StartAsync(
            r => r
                .AddOrchestratorFunc<string, string>("Logs", async (ctx, _) =>
                {
                    ILogger log = ctx.CreateReplaySafeLogger("Test.Orchestration");
                    log.LogWarning("before");
                    await ctx.CallActivityAsync<string>("Nop", "a");
                    log.LogWarning("middle");
                    await ctx.CallActivityAsync<string>("Nop", "b");
                    log.LogWarning("after");
                    return "ok";
                })
                .AddActivityFunc<string, string>("Nop", (_, s) => s),
            worker: o => o.ExtendedSessionsEnabled = false,
            services: s => s.AddSingleton<ILoggerProvider>(new QueueLoggerProvider(Logged)));

        await host.RunAsync("Logs");

        Assert.Equal(["before", "middle", "after"], Logged.ToArray());
    }

    [Fact]
    public async Task Unregistered_orchestrator_fails_the_instance_naming_it()
    {
        await using DurableTestHost host = await DurableTestHost.StartAsync(r => r.AddOrchestratorFunc<string, string>("Known", (_, s) => Task.FromResult(s)));

        OrchestrationMetadata result = await host.RunAsync("Unknown");

        Assert.Equal(OrchestrationRuntimeStatus.Failed, result.RuntimeStatus);
        Assert.Contains("No orchestrator named 'Unknown' is registered", result.FailureDetails!.ErrorMessage, StringComparison.Ordinal);
        Assert.Contains("Known", result.FailureDetails.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unregistered_activity_fails_the_call_naming_it()
    {
        await using DurableTestHost host = await DurableTestHost.StartAsync(r => r
            .AddOrchestratorFunc<string, string>("CallsMissing", (ctx, _) => ctx.CallActivityAsync<string>("Missing")));

        OrchestrationMetadata result = await host.RunAsync("CallsMissing");

        Assert.Equal(OrchestrationRuntimeStatus.Failed, result.RuntimeStatus);
        Assert.Contains("No activity named 'Missing' is registered", result.FailureDetails!.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Input_that_cannot_be_deserialized_fails_the_instance_with_a_clear_message()
    {
        await using DurableTestHost host = await DurableTestHost.StartAsync(r => r
            .AddOrchestratorFunc<int, int>("Double", (_, n) => Task.FromResult(n * 2)));

        OrchestrationMetadata result = await host.RunAsync("Double", "not a number");

        Assert.Equal(OrchestrationRuntimeStatus.Failed, result.RuntimeStatus);
        Assert.Contains("input of orchestrator 'Double' could not be read as Int32", result.FailureDetails!.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Awaiting_Task_Delay_fails_the_instance_instead_of_hanging()
    {
        await using DurableTestHost host = await DurableTestHost.StartAsync(r => r
            .AddOrchestratorFunc<string, string>("Sleeps", async (_, _) =>
            {
                await Task.Delay(50);
                return "woke";
            }));

        OrchestrationMetadata result = await host.RunAsync("Sleeps");

        Assert.Equal(OrchestrationRuntimeStatus.Failed, result.RuntimeStatus);
        Assert.Equal("Workflows.Durable.NonDurableAwaitException", result.FailureDetails!.ErrorType);
        Assert.Contains("Task.Delay", result.FailureDetails.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Awaiting_io_while_a_durable_task_is_open_is_detected_at_the_next_episode()
    {
        await using DurableTestHost host = await DurableTestHost.StartAsync(r => r
            .AddOrchestratorFunc<string, string>("Mixed", async (ctx, _) =>
            {
                Task<string> activity = ctx.CallActivityAsync<string>("Slow", "x");
                await Task.Run(() => Thread.Sleep(10));
                return await activity;
            })
            .AddActivityFunc<string, string>("Slow", async (_, s) =>
            {
                await Task.Delay(200);
                return s;
            }));

        OrchestrationMetadata result = await host.RunAsync("Mixed");

        Assert.Equal(OrchestrationRuntimeStatus.Failed, result.RuntimeStatus);
        Assert.Equal("Workflows.Durable.NonDurableAwaitException", result.FailureDetails!.ErrorType);
    }

    [Fact]
    public async Task Changed_code_that_schedules_different_work_on_replay_fails_with_a_non_determinism_error()
    {
        string key = Guid.NewGuid().ToString();
        Switches[key] = "Alpha";
        await using DurableTestHost host = await DurableTestHost.StartAsync(
            r => r
                .AddOrchestratorFunc<string, string>("Changes", async (ctx, k) =>
                {
                    await ctx.CallActivityAsync<string>(Switches[k], "x");
                    return await ctx.WaitForExternalEvent<string>("Continue");
                })
                .AddActivityFunc<string, string>("Alpha", (_, s) => s)
                .AddActivityFunc<string, string>("Beta", (_, s) => s),
            worker: o => o.ExtendedSessionsEnabled = false);

        string id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Changes", key);
        await host.WaitForHistoryAsync(id, HistoryEventType.TaskCompleted);
        Switches[key] = "Beta";
        await host.Client.RaiseEventAsync(id, "Continue", "go");

        OrchestrationMetadata result = await host.WaitAsync(id);
        Assert.Equal(OrchestrationRuntimeStatus.Failed, result.RuntimeStatus);
        Assert.Equal("Workflows.Durable.NonDeterministicOrchestrationException", result.FailureDetails!.ErrorType);
        Assert.Contains("activity 'Alpha'", result.FailureDetails.ErrorMessage, StringComparison.Ordinal);
        Assert.Contains("activity 'Beta'", result.FailureDetails.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Code_that_stops_scheduling_recorded_work_fails_with_a_non_determinism_error()
    {
        string key = Guid.NewGuid().ToString();
        Switches[key] = "timer";
        await using DurableTestHost host = await DurableTestHost.StartAsync(
            r => r.AddOrchestratorFunc<string, string>("Drops", async (ctx, k) =>
            {
                if (Switches[k] == "timer")
                {
                    await ctx.CreateTimer(TimeSpan.FromMilliseconds(1), CancellationToken.None);
                }

                return await ctx.WaitForExternalEvent<string>("Continue");
            }),
            worker: o => o.ExtendedSessionsEnabled = false);

        string id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Drops", key);
        await host.WaitForHistoryAsync(id, HistoryEventType.TimerFired);
        Switches[key] = "no timer";
        await host.Client.RaiseEventAsync(id, "Continue", "go");

        OrchestrationMetadata result = await host.WaitAsync(id);
        Assert.Equal(OrchestrationRuntimeStatus.Failed, result.RuntimeStatus);
        Assert.Contains("durable timer", result.FailureDetails!.ErrorMessage, StringComparison.Ordinal);
        Assert.Contains("has not scheduled it", result.FailureDetails.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_failing_orchestrator_does_not_stop_the_worker()
    {
        await using DurableTestHost host = await DurableTestHost.StartAsync(r => r
            .AddOrchestratorFunc<string, string>("Throws", string (_, _) => throw new InvalidOperationException("bad orchestrator"))
            .AddOrchestratorFunc<string, string>("Fine", (_, s) => Task.FromResult(s)));

        OrchestrationMetadata failed = await host.RunAsync("Throws");
        OrchestrationMetadata fine = await host.RunAsync("Fine", "still working");

        Assert.Equal("bad orchestrator", failed.FailureDetails!.ErrorMessage);
        Assert.Equal("still working", fine.ReadOutputAs<string>());
    }

    [Fact]
    public async Task Class_based_orchestrators_and_activities_are_named_by_attribute_or_type()
    {
        await using DurableTestHost host = await DurableTestHost.StartAsync(r => r
            .AddOrchestrator<GreetingOrchestrator>()
            .AddActivity<ShoutActivity>());

        OrchestrationMetadata result = await host.RunAsync(nameof(GreetingOrchestrator), "world");

        Assert.Equal("HELLO WORLD", result.ReadOutputAs<string>());
    }

    public sealed class GreetingOrchestrator : TaskOrchestrator<string, string>
    {
        public override Task<string> RunAsync(TaskOrchestrationContext context, string input) =>
            context.CallActivityAsync<string>("Shout", "hello " + input);
    }

    [DurableTask("Shout")]
    public sealed class ShoutActivity : TaskActivity<string, string>
    {
        public override Task<string> RunAsync(TaskActivityContext context, string input) => Task.FromResult(input.ToUpperInvariant());
    }

    private sealed class QueueLoggerProvider(ConcurrentQueue<string> queue) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => categoryName == "Test.Orchestration" ? new QueueLogger(queue) : Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance;

        public void Dispose()
        {
        }
    }

    private sealed class QueueLogger(ConcurrentQueue<string> queue) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            queue.Enqueue(formatter(state, exception));
    }
}
