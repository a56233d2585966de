using Workflows.Durable.Client;
using Workflows.Durable.Storage;

namespace Workflows.Durable.Tests.Storage;

/// <summary>Rewinding failed instances.</summary>
public abstract partial class OrchestrationStoreContractTests
{
    [Fact]
    public async Task Rewind_FailedInstance_CutsHistoryAtTheFirstFailureAndRequeuesThatActivity()
    {
        IOrchestrationStore store = await this.OpenStoreAsync();
        (OrchestrationWorkItem started, OrchestrationCheckpoint firstEpisode) = await this.StartAsync(
            store,
            "rewound",
            item => this.Episode(item, activities: [new ActivityRequest(0, "Good", null, "\"g\""), new ActivityRequest(1, "Bad", "2.0", "\"b\"")]));
        IReadOnlyList<ActivityWorkItem> activities = await store.LockNextActivitiesAsync(10, this.Ct);
        HistoryEvent good = this.TaskCompleted(0, "\"fine\"");
        HistoryEvent bad = this.TaskFailed(1, "Bad broke.");
        Assert.Equal(
            [true, true],
            await store.CompleteActivitiesAsync([(Assert.Single(activities, a => a.TaskId == 0), good), (Assert.Single(activities, a => a.TaskId == 1), bad)], this.Ct));

        // The orchestrator caught Bad's failure and tried a fallback, which failed too and failed the instance.
        (OrchestrationWorkItem failing, OrchestrationCheckpoint caughtEpisode) = await this.RunEpisodeAsync(
            store,
            "rewound",
            item => this.Episode(item, activities: [new ActivityRequest(2, "Fallback", null, "\"f\"")]));
        ActivityWorkItem fallback = Assert.Single(await store.LockNextActivitiesAsync(10, this.Ct));
        HistoryEvent fallbackFailed = this.TaskFailed(2, "Fallback broke.");
        Assert.Equal([true], await store.CompleteActivitiesAsync([(fallback, fallbackFailed)], this.Ct));
        var failure = new TaskFailureDetails(typeof(TaskFailedException).FullName!, "Task 'Fallback' (#2) failed.", null, fallbackFailed.FailureDetails, null);
        await this.RunEpisodeAsync(store, "rewound", item => this.Episode(item, OrchestrationRuntimeStatus.Failed, failure: failure));
        Assert.Equal(OrchestrationRuntimeStatus.Failed, (await this.GetAsync(store, "rewound")).RuntimeStatus);
        this.Clock.Advance(TimeSpan.FromMinutes(1));

        Assert.True(await store.RewindAsync("rewound", "Try again.", this.Ct));

        InstanceRecord record = await this.GetAsync(store, "rewound");
        Assert.Equal(OrchestrationRuntimeStatus.Running, record.RuntimeStatus);
        Assert.Equal(started.ExecutionId, record.ExecutionId);
        Assert.Null(record.FailureDetails);
        Assert.Null(record.CompletedAt);
        Assert.Null(record.Output);

        // History up to, not including, the first failure: the first episode, then OrchestratorStarted and the good result.
        HistoryEvent[] kept = [.. firstEpisode.NewHistory, .. caughtEpisode.NewHistory.TakeWhile(e => e.EventType != HistoryEventType.TaskFailed)];
        Assert.Equal(firstEpisode.NewHistory.Count + 2, kept.Length);
        AssertEvents(kept, await store.GetHistoryAsync("rewound", this.Ct));

        // The first failed activity runs again; the good one does not, nor the fallback scheduled after the cut.
        ActivityWorkItem again = Assert.Single(await store.LockNextActivitiesAsync(10, this.Ct));
        Assert.Equal(1, again.TaskId);
        Assert.Equal("Bad", again.Name);
        Assert.Equal("\"b\"", again.Input);
        Assert.Equal(started.ExecutionId, again.ExecutionId);

        // The instance is woken to replay up to the cut and carry on.
        OrchestrationWorkItem woken = await this.ClaimAsync(store, "rewound");
        Assert.Equal(kept.Length, woken.HistoryLength);
        Assert.Equal(failing.ExecutionId, woken.ExecutionId);
        Assert.DoesNotContain(woken.Messages, m => m.Event.EventType is HistoryEventType.TaskFailed or HistoryEventType.TaskCompleted);
        Assert.Contains(woken.Messages, m => m.Event.EventType == HistoryEventType.ExecutionRewound);
        await store.CompleteOrchestrationAsync(woken, this.Episode(woken), this.Ct);

        HistoryEvent fixedResult = this.TaskCompleted(1, "\"fixed\"");
        Assert.Equal([true], await store.CompleteActivitiesAsync([(again, fixedResult)], this.Ct));
        OrchestrationWorkItem resumed = await this.ClaimAsync(store, "rewound");
        AssertEvents([fixedResult], resumed.Messages.Select(m => m.Event));
        await store.CompleteOrchestrationAsync(resumed, this.Episode(resumed, OrchestrationRuntimeStatus.Completed, output: "\"ok\""), this.Ct);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, (await this.GetAsync(store, "rewound")).RuntimeStatus);
    }

    [Theory]
    [InlineData(OrchestrationRuntimeStatus.Pending)]
    [InlineData(OrchestrationRuntimeStatus.Running)]
    [InlineData(OrchestrationRuntimeStatus.Suspended)]
    [InlineData(OrchestrationRuntimeStatus.Completed)]
    [InlineData(OrchestrationRuntimeStatus.Terminated)]
    public async Task Rewind_InstanceThatDidNotFail_ReturnsFalseAndChangesNothing(OrchestrationRuntimeStatus status)
    {
        IOrchestrationStore store = await this.OpenStoreAsync();
        await this.DriveToAsync(store, "not-failed", status, leftovers: true);
        InstanceRecord before = await this.GetAsync(store, "not-failed");
        IReadOnlyList<HistoryEvent> history = await store.GetHistoryAsync("not-failed", this.Ct);
        DateTimeOffset? wake = await store.GetNextWakeTimeAsync(this.Ct);
        await store.LockNextActivitiesAsync(10, this.Ct);

        Assert.False(await store.RewindAsync("not-failed", "No.", this.Ct));
        Assert.False(await store.RewindAsync("nobody", "No.", this.Ct));

        InstanceRecord after = await this.GetAsync(store, "not-failed");
        Assert.Equal(before.RuntimeStatus, after.RuntimeStatus);
        Assert.Equal(before.Output, after.Output);
        Assert.Equal(before.LastUpdatedAt, after.LastUpdatedAt);
        AssertEvents(history, await store.GetHistoryAsync("not-failed", this.Ct));
        Assert.Equal(wake, await store.GetNextWakeTimeAsync(this.Ct));
        Assert.Empty(await store.LockNextActivitiesAsync(10, this.Ct));
    }
}
