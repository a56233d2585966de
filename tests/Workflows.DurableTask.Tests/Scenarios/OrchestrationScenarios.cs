using DurableTask.Core.Exceptions;
using DurableTask.Core.History;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace Workflows.DurableTask.Tests.Scenarios;

/// <summary>The orchestration scenarios through the real SDK, run on each provider by a subclass that supplies the
/// <see cref="ScenarioProvider"/>. Each test uses instance ids of its own on the class's store.</summary>
public abstract class OrchestrationScenarios(ScenarioProvider provider) : IAsyncLifetime, IDisposable
{
    private readonly CancellationTokenSource timeout = new(TimeSpan.FromMinutes(2));
    private DurableTaskClient? client;

    /// <summary>Whether the provider can rewind a failed instance.</summary>
    protected virtual bool CanRewind => false;

    protected DurableTaskClient Client => this.client ?? throw new InvalidOperationException("Not initialized.");

    protected CancellationToken Timeout => this.timeout.Token;

    public async Task InitializeAsync() => this.client = await provider.StartAsync(ScenarioTasks.Register);

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose()
    {
        this.timeout.Dispose();
        GC.SuppressFinalize(this);
    }

    [Fact]
    public async Task Hello_sequence_runs_its_activities_in_order()
    {
        OrchestrationMetadata done = await this.RunAsync(nameof(HelloSequence), new[] { "Tokyo", "Seattle", "London" });

        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.Equal("Hello Tokyo, Hello Seattle, Hello London", done.ReadOutputAs<string>());
    }

    [Fact]
    public async Task History_records_the_inputs_of_scheduled_activities_and_sub_orchestrations()
    {
        OrchestrationMetadata sequence = await this.RunAsync(nameof(HelloSequence), new[] { "Oslo", "Lima" });
        IList<HistoryEvent> history = await this.Client.GetOrchestrationHistoryAsync(sequence.InstanceId, this.Timeout);

        // The SDK's shim hands DurableTask.Core an activity's input as a one-element array of its parameters.
        Assert.Equal(["[\"Oslo\"]", "[\"Lima\"]"], history.OfType<TaskScheduledEvent>().Select(e => e.Input));

        OrchestrationMetadata parent = await this.RunAsync("Parent", "hi");
        IList<HistoryEvent> parentHistory = await this.Client.GetOrchestrationHistoryAsync(parent.InstanceId, this.Timeout);
        Assert.Equal("\"hi\"", Assert.Single(parentHistory.OfType<SubOrchestrationInstanceCreatedEvent>()).Input);
    }

    [Fact]
    public async Task Fan_out_fan_in_sums_the_results_of_parallel_activities()
    {
        OrchestrationMetadata done = await this.RunAsync("FanOutFanIn", 6);

        Assert.Equal(1 + 4 + 9 + 16 + 25 + 36, done.ReadOutputAs<int>());
    }

    [Fact]
    public async Task Durable_timer_fires_and_the_history_records_it()
    {
        OrchestrationMetadata done = await this.RunAsync("Timer", 1);

        Assert.Equal("fired", done.ReadOutputAs<string>());
        IList<HistoryEvent> history = await this.Client.GetOrchestrationHistoryAsync(done.InstanceId, this.Timeout);
        TimerCreatedEvent created = Assert.Single(history.OfType<TimerCreatedEvent>());
        TimerFiredEvent fired = Assert.Single(history.OfType<TimerFiredEvent>());
        Assert.Equal(created.EventId, fired.TimerId);
        Assert.Equal(created.FireAt, fired.FireAt);
    }

    [Fact]
    public async Task External_event_raised_before_the_wait_is_buffered_and_delivered()
    {
        string id = await this.Client.ScheduleNewOrchestrationInstanceAsync("WaitAfterTimer", cancellation: this.Timeout);
        await this.Client.WaitForInstanceStartAsync(id, this.Timeout);
        await this.Client.RaiseEventAsync(id, "approval", "approved", this.Timeout);

        OrchestrationMetadata done = await this.Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, this.Timeout);

        Assert.Equal("approved", done.ReadOutputAs<string>());
        IList<HistoryEvent> history = await this.Client.GetOrchestrationHistoryAsync(id, this.Timeout);
        int raisedAt = history.IndexOf(history.OfType<EventRaisedEvent>().Single());
        int firedAt = history.IndexOf(history.OfType<TimerFiredEvent>().Single());
        Assert.True(raisedAt < firedAt, "The event arrived while the timer was still pending, so before the wait began.");
    }

    [Fact]
    public async Task Waiting_for_an_event_with_a_timeout_gives_up_when_it_does_not_come()
    {
        OrchestrationMetadata done = await this.RunAsync("WaitWithTimeout", null);

        Assert.Equal("timed out", done.ReadOutputAs<string>());
    }

    [Fact]
    public async Task Sub_orchestration_returns_its_result_and_knows_its_parent()
    {
        OrchestrationMetadata done = await this.RunAsync("Parent", "hi");

        Assert.Equal($"hi from {done.InstanceId}-child (parent {done.InstanceId})", done.ReadOutputAs<string>());
    }

    [Fact]
    public async Task Sub_orchestration_failure_reaches_the_parent_as_TaskFailedException_with_details()
    {
        OrchestrationMetadata done = await this.RunAsync("ParentOfFailingChild", "the motion");

        Assert.Equal("System.InvalidOperationException|child refused the motion|True", done.ReadOutputAs<string>());
    }

    [Fact]
    public async Task Continue_as_new_restarts_with_the_new_input_until_done()
    {
        OrchestrationMetadata done = await this.RunAsync("CountTo3", 0);

        Assert.Equal(3, done.ReadOutputAs<int>());
        IList<HistoryEvent> history = await this.Client.GetOrchestrationHistoryAsync(done.InstanceId, this.Timeout);
        Assert.Equal("3", history.OfType<ExecutionStartedEvent>().Single().Input);
    }

    [Fact]
    public async Task Custom_status_is_visible_while_running_and_after_completion()
    {
        string id = await this.Client.ScheduleNewOrchestrationInstanceAsync("WaitForEvent", cancellation: this.Timeout);
        OrchestrationMetadata waiting = await this.WaitUntilAsync(id, m => m.SerializedCustomStatus is not null);
        Assert.Equal(new StageStatus("waiting", 1), waiting.ReadCustomStatusAs<StageStatus>());

        await this.Client.RaiseEventAsync(id, "go", "went", this.Timeout);
        OrchestrationMetadata done = await this.Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, this.Timeout);

        Assert.Equal(new StageStatus("done", 2), done.ReadCustomStatusAs<StageStatus>());
        Assert.Equal("went", done.ReadOutputAs<string>());
    }

    [Fact]
    public async Task Retry_policy_runs_a_failing_activity_again_until_it_succeeds()
    {
        OrchestrationMetadata done = await this.RunAsync("Retrying", null);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.Equal(3, done.ReadOutputAs<int>());
    }

    [Fact]
    public async Task Suspended_instance_holds_its_events_until_resumed()
    {
        string id = await this.Client.ScheduleNewOrchestrationInstanceAsync("WaitForEvent", cancellation: this.Timeout);
        await this.WaitUntilAsync(id, m => m.SerializedCustomStatus is not null);

        await this.Client.SuspendInstanceAsync(id, "paused by the clerk", this.Timeout);
        await this.WaitUntilAsync(id, m => m.RuntimeStatus == OrchestrationRuntimeStatus.Suspended);
        await this.Client.RaiseEventAsync(id, "go", "after resume", this.Timeout);
        await this.Client.ResumeInstanceAsync(id, "carry on", this.Timeout);

        OrchestrationMetadata done = await this.Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, this.Timeout);
        Assert.Equal("after resume", done.ReadOutputAs<string>());
        IList<HistoryEvent> history = await this.Client.GetOrchestrationHistoryAsync(id, this.Timeout);
        Assert.Single(history.OfType<ExecutionSuspendedEvent>());
        Assert.Single(history.OfType<ExecutionResumedEvent>());
    }

    [Fact]
    public async Task Recursive_terminate_ends_the_running_sub_orchestrations_too()
    {
        string id = await this.Client.ScheduleNewOrchestrationInstanceAsync("ParentOfWaitingChild", cancellation: this.Timeout);
        string child = id + "-child";
        await this.WaitUntilAsync(child, m => m.RuntimeStatus == OrchestrationRuntimeStatus.Running);

        await this.Client.TerminateInstanceAsync(id, new TerminateInstanceOptions("stopped by the chair", Recursive: true), this.Timeout);

        OrchestrationMetadata parent = await this.Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, this.Timeout);
        OrchestrationMetadata terminatedChild = await this.Client.WaitForInstanceCompletionAsync(child, getInputsAndOutputs: true, this.Timeout);
        Assert.Equal(OrchestrationRuntimeStatus.Terminated, parent.RuntimeStatus);
        Assert.Equal(OrchestrationRuntimeStatus.Terminated, terminatedChild.RuntimeStatus);
        Assert.Equal("stopped by the chair", terminatedChild.ReadOutputAs<string>());
    }

    [Fact]
    public async Task Terminate_without_recursion_leaves_the_sub_orchestration_running()
    {
        string id = await this.Client.ScheduleNewOrchestrationInstanceAsync("ParentOfWaitingChild", cancellation: this.Timeout);
        string child = id + "-child";
        await this.WaitUntilAsync(child, m => m.RuntimeStatus == OrchestrationRuntimeStatus.Running);

        await this.Client.TerminateInstanceAsync(id, "parent only", this.Timeout);
        await this.Client.WaitForInstanceCompletionAsync(id, this.Timeout);

        Assert.Equal(OrchestrationRuntimeStatus.Running, (await this.Client.GetInstanceAsync(child, this.Timeout))!.RuntimeStatus);
        await this.Client.TerminateInstanceAsync(child, "clean up", this.Timeout);
    }

    [Fact]
    public async Task Restart_runs_a_finished_instance_again_and_refuses_a_live_one()
    {
        OrchestrationMetadata first = await this.RunAsync("Echo", "again");

        string sameId = await this.Client.RestartAsync(first.InstanceId, restartWithNewInstanceId: false, this.Timeout);
        string newId = await this.Client.RestartAsync(first.InstanceId, restartWithNewInstanceId: true, this.Timeout);

        Assert.Equal(first.InstanceId, sameId);
        Assert.NotEqual(first.InstanceId, newId);
        OrchestrationMetadata rerun = await this.Client.WaitForInstanceCompletionAsync(newId, getInputsAndOutputs: true, this.Timeout);
        Assert.Equal("again", rerun.ReadOutputAs<string>());
        OrchestrationMetadata sameRerun = await this.Client.WaitForInstanceCompletionAsync(sameId, getInputsAndOutputs: true, this.Timeout);
        Assert.Equal("again", sameRerun.ReadOutputAs<string>());

        string live = await this.Client.ScheduleNewOrchestrationInstanceAsync("WaitForEvent", cancellation: this.Timeout);
        await this.Client.WaitForInstanceStartAsync(live, this.Timeout);
        await Assert.ThrowsAsync<InvalidOperationException>(() => this.Client.RestartAsync(live, restartWithNewInstanceId: false, this.Timeout));
        await Assert.ThrowsAsync<ArgumentException>(() => this.Client.RestartAsync("no-such-instance-" + Guid.NewGuid(), cancellation: this.Timeout));
        await this.Client.TerminateInstanceAsync(live, "clean up", this.Timeout);
    }

    [Fact]
    public async Task Recursive_purge_deletes_the_instance_and_its_sub_orchestrations()
    {
        OrchestrationMetadata done = await this.RunAsync("Parent", "purge me");
        string child = done.InstanceId + "-child";

        PurgeResult result = await this.Client.PurgeInstanceAsync(done.InstanceId, new PurgeInstanceOptions(Recursive: true), this.Timeout);

        Assert.Equal(2, result.PurgedInstanceCount);
        Assert.Null(await this.Client.GetInstanceAsync(done.InstanceId, this.Timeout));
        Assert.Null(await this.Client.GetInstanceAsync(child, this.Timeout));
    }

    [Fact]
    public async Task Purge_leaves_a_running_instance_alone()
    {
        string id = await this.Client.ScheduleNewOrchestrationInstanceAsync("WaitForEvent", cancellation: this.Timeout);
        await this.Client.WaitForInstanceStartAsync(id, this.Timeout);

        PurgeResult result = await this.Client.PurgeInstanceAsync(id, cancellation: this.Timeout);

        Assert.Equal(0, result.PurgedInstanceCount);
        Assert.NotNull(await this.Client.GetInstanceAsync(id, this.Timeout));
        await this.Client.TerminateInstanceAsync(id, "clean up", this.Timeout);
    }

    [Fact]
    public async Task Query_pages_through_instances_with_continuation_tokens()
    {
        string prefix = "page-" + Guid.NewGuid().ToString("N")[..8] + "-";
        string[] ids = [.. Enumerable.Range(0, 5).Select(i => prefix + i)];
        foreach (string id in ids)
        {
            await this.Client.ScheduleNewOrchestrationInstanceAsync("Echo", id, new StartOrchestrationOptions(id), this.Timeout);
        }

        foreach (string id in ids)
        {
            await this.Client.WaitForInstanceCompletionAsync(id, this.Timeout);
        }

        var seen = new List<string>();
        var tokens = new List<string?>();
        var query = new OrchestrationQuery(InstanceIdPrefix: prefix, PageSize: 2, FetchInputsAndOutputs: true);
        await foreach (Page<OrchestrationMetadata> page in this.Client.GetAllInstancesAsync(query).AsPages(pageSizeHint: 2).WithCancellation(this.Timeout))
        {
            Assert.True(page.Values.Count <= 2);
            seen.AddRange(page.Values.Select(m => m.InstanceId));
            Assert.All(page.Values, m => Assert.Equal(m.InstanceId, m.ReadOutputAs<string>()));
            tokens.Add(page.ContinuationToken);
        }

        Assert.Equal(ids.Order(StringComparer.Ordinal), seen.Order(StringComparer.Ordinal));
        Assert.True(tokens.Count >= 3, "Five instances in pages of two take at least three pages.");
        Assert.All(tokens.SkipLast(1), t => Assert.False(string.IsNullOrEmpty(t)));

        var completed = new List<string>();
        await foreach (OrchestrationMetadata m in this.Client.GetAllInstancesAsync(query with { Statuses = [OrchestrationRuntimeStatus.Running] }).WithCancellation(this.Timeout))
        {
            completed.Add(m.InstanceId);
        }

        Assert.Empty(completed);
    }

    [Fact]
    public async Task Schedule_refuses_the_id_of_a_live_instance_and_replaces_a_finished_one()
    {
        string id = "live-" + Guid.NewGuid().ToString("N");
        await this.Client.ScheduleNewOrchestrationInstanceAsync("WaitForEvent", null, new StartOrchestrationOptions(id), this.Timeout);
        await this.Client.WaitForInstanceStartAsync(id, this.Timeout);

        OrchestrationAlreadyExistsException refused = await Assert.ThrowsAsync<OrchestrationAlreadyExistsException>(
            () => this.Client.ScheduleNewOrchestrationInstanceAsync("Echo", "other", new StartOrchestrationOptions(id), this.Timeout));
        Assert.Contains(id, refused.Message, StringComparison.Ordinal);

        await this.Client.RaiseEventAsync(id, "go", "first", this.Timeout);
        Assert.Equal("first", (await this.Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, this.Timeout)).ReadOutputAs<string>());

        await this.Client.ScheduleNewOrchestrationInstanceAsync("Echo", "second", new StartOrchestrationOptions(id), this.Timeout);
        OrchestrationMetadata replaced = await this.WaitUntilAsync(id, m => m.IsCompleted && m.Name == "Echo");
        Assert.Equal("second", replaced.ReadOutputAs<string>());
    }

    [Fact]
    public async Task Unregistered_orchestrator_fails_the_instance_naming_it()
    {
        string id = await this.Client.ScheduleNewOrchestrationInstanceAsync("NoSuchOrchestrator", cancellation: this.Timeout);

        OrchestrationMetadata done = await this.Client.WaitForInstanceCompletionAsync(id, this.Timeout);

        Assert.Equal(OrchestrationRuntimeStatus.Failed, done.RuntimeStatus);
        Assert.NotNull(done.FailureDetails);
        Assert.Contains("'NoSuchOrchestrator'", done.FailureDetails.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unregistered_activity_fails_the_call_naming_it()
    {
        OrchestrationMetadata done = await this.RunAsync("CallsMissingActivity", null);

        Assert.Equal(OrchestrationRuntimeStatus.Failed, done.RuntimeStatus);
        Assert.NotNull(done.FailureDetails);
        Assert.Contains("'NoSuchActivity'", done.FailureDetails.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Failed_instance_has_its_failure_details()
    {
        OrchestrationMetadata done = await this.RunAsync("Throws", "bad paper");

        Assert.Equal(OrchestrationRuntimeStatus.Failed, done.RuntimeStatus);
        Assert.NotNull(done.FailureDetails);
        Assert.Equal(typeof(FormatException).FullName, done.FailureDetails.ErrorType);
        Assert.Equal("bad paper", done.FailureDetails.ErrorMessage);
        Assert.True(done.FailureDetails.IsCausedBy<FormatException>());
    }

    [Fact]
    public async Task Scheduled_start_waits_until_its_time()
    {
        DateTimeOffset startAt = DateTimeOffset.UtcNow.AddSeconds(2);
        string id = await this.Client.ScheduleNewOrchestrationInstanceAsync("StartTime", null, new StartOrchestrationOptions(StartAt: startAt), this.Timeout);

        OrchestrationMetadata done = await this.Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, this.Timeout);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.True(
            done.ReadOutputAs<DateTime>() >= startAt.UtcDateTime - provider.TimerGranularity,
            "The orchestration ran no earlier than its scheduled start (less the store's timer granularity).");
        ExecutionStartedEvent started = (await this.Client.GetOrchestrationHistoryAsync(id, this.Timeout)).OfType<ExecutionStartedEvent>().Single();
        Assert.Equal(startAt.UtcDateTime, started.ScheduledStartTime!.Value, TimeSpan.FromMilliseconds(1));
    }

    [Fact]
    public async Task Tags_and_version_given_at_schedule_are_kept()
    {
        var options = new StartOrchestrationOptions { Tags = new Dictionary<string, string> { ["body"] = "council" }, Version = "2.0" };
        string id = await this.Client.ScheduleNewOrchestrationInstanceAsync("Echo", "tagged", options, this.Timeout);

        OrchestrationMetadata done = await this.Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, this.Timeout);

        Assert.Equal("council", done.Tags["body"]);
        Assert.Equal("2.0", (await this.Client.GetOrchestrationHistoryAsync(id, this.Timeout)).OfType<ExecutionStartedEvent>().Single().Version);
    }

    [Fact]
    public async Task Rewind_runs_the_failed_activity_again()
    {
        if (!this.CanRewind)
        {
            await Assert.ThrowsAsync<NotSupportedException>(() => this.Client.RewindInstanceAsync("any", "not here", this.Timeout));
            return;
        }

        OrchestrationMetadata failed = await this.RunAsync("FailsUntilRewound", null);
        Assert.Equal(OrchestrationRuntimeStatus.Failed, failed.RuntimeStatus);

        await this.Client.RewindInstanceAsync(failed.InstanceId, "fixed the cause", this.Timeout);

        OrchestrationMetadata done = await this.WaitUntilAsync(failed.InstanceId, m => m.RuntimeStatus == OrchestrationRuntimeStatus.Completed);
        Assert.Equal(2, done.ReadOutputAs<int>());
    }

    /// <summary>Schedules <paramref name="name"/> and waits for it to finish, inputs and outputs read.</summary>
    protected async Task<OrchestrationMetadata> RunAsync(string name, object? input)
    {
        string id = await this.Client.ScheduleNewOrchestrationInstanceAsync(name, input, this.Timeout);
        return await this.Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, this.Timeout);
    }

    /// <summary>Polls the instance (inputs and outputs read) until <paramref name="condition"/> holds.</summary>
    protected async Task<OrchestrationMetadata> WaitUntilAsync(string instanceId, Func<OrchestrationMetadata, bool> condition)
    {
        while (true)
        {
            if (await this.Client.GetInstanceAsync(instanceId, getInputsAndOutputs: true, this.Timeout) is { } metadata && condition(metadata))
            {
                return metadata;
            }

            await Task.Delay(100, this.Timeout);
        }
    }
}
