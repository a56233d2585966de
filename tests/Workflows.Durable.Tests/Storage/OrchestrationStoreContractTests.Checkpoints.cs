using Workflows.Durable.Client;
using Workflows.Durable.Storage;

namespace Workflows.Durable.Tests.Storage;

/// <summary>Committing episodes: everything at once, terminal statuses, messages to others, continue-as-new and sub-orchestrations.</summary>
public abstract partial class OrchestrationStoreContractTests
{
    [Fact]
    public async Task CompleteOrchestration_ClaimActivities_HandsTheFirstActivitiesToTheCommitter_AndQueuesTheRest()
    {
        IOrchestrationStore store = await this.OpenStoreAsync();
        IOrchestrationStore other = await this.OpenStoreAsync();
        await store.CreateInstanceAsync(this.NewInstance("claims"), [], this.Ct);
        OrchestrationWorkItem item = await this.ClaimAsync(store, "claims");
        OrchestrationCheckpoint checkpoint = this.Episode(item, activities: [new ActivityRequest(0, "First", null, "\"a\""), new ActivityRequest(1, "Second", null, "\"b\"")]) with { ClaimActivities = 1 };

        IReadOnlyList<ActivityWorkItem> claimed = await store.CompleteOrchestrationAsync(item, checkpoint, this.Ct);

        ActivityWorkItem mine = Assert.Single(claimed);
        Assert.Equal(("First", 0, "\"a\"", 1), (mine.Name, mine.TaskId, mine.Input, mine.DequeueCount));
        ActivityWorkItem theirs = Assert.Single(await other.LockNextActivitiesAsync(10, this.Ct));
        Assert.Equal("Second", theirs.Name);
        Assert.Equal([true], await store.CompleteActivitiesAsync([(mine, this.TaskCompleted(0, "1"))], this.Ct));
    }

    [Fact]
    public async Task CompleteOrchestration_EpisodeId_IsReturnedByTheNextClaim_AndAFailedCommitKeepsThePreviousOne()
    {
        IOrchestrationStore store = await this.OpenStoreAsync();
        await store.CreateInstanceAsync(this.NewInstance("episodes"), [], this.Ct);
        OrchestrationWorkItem first = await this.ClaimAsync(store, "episodes");
        Assert.Null(first.LastEpisodeId);
        await store.CompleteOrchestrationAsync(first, this.Episode(first) with { EpisodeId = "episode-1" }, this.Ct);

        Assert.True(await store.SendMessageAsync("episodes", this.EventRaised("Next"), null, this.Ct));
        OrchestrationWorkItem second = await this.ClaimAsync(store, "episodes");
        Assert.Equal("episode-1", second.LastEpisodeId);

        // A checkpoint under a lock that is no longer held changes nothing, the episode id included.
        await store.AbandonOrchestrationAsync(second, this.Ct);
        OrchestrationWorkItem third = await this.ClaimAsync(store, "episodes");
        await Assert.ThrowsAsync<LockLostException>(() => store.CompleteOrchestrationAsync(second, this.Episode(second) with { EpisodeId = "episode-2" }, this.Ct));
        Assert.Equal("episode-1", third.LastEpisodeId);
        await store.CompleteOrchestrationAsync(third, this.Episode(third) with { EpisodeId = "episode-3" }, this.Ct);
        Assert.True(await store.SendMessageAsync("episodes", this.EventRaised("Last"), null, this.Ct));
        Assert.Equal("episode-3", (await this.ClaimAsync(store, "episodes")).LastEpisodeId);
    }

    [Fact]
    public async Task CompleteOrchestration_CommitsTheWholeEpisode()
    {
        IOrchestrationStore store = await this.OpenStoreAsync();
        await store.CreateInstanceAsync(this.NewInstance("other"), [], this.Ct);
        await store.CreateInstanceAsync(this.NewInstance("main", input: "\"in\""), [], this.Ct);
        OrchestrationWorkItem item = await this.ClaimAsync(store, "main");

        // A message that arrives while the episode runs is not one it consumed.
        HistoryEvent during = this.EventRaised("During", "2");
        Assert.True(await store.SendMessageAsync("main", during, null, this.Ct));
        this.Clock.Advance(TimeSpan.FromMinutes(1));
        DateTimeOffset fireAt = this.Clock.GetUtcNow().AddHours(1);
        HistoryEvent ping = this.EventRaised("Ping", "\"p\"");
        OrchestrationCheckpoint checkpoint = this.Episode(
            item,
            actions:
            [
                this.TimerCreated(1, fireAt),
                new HistoryEvent { EventType = HistoryEventType.EventSent, EventId = 2, Name = "Ping", Input = "\"p\"", InstanceId = "other", Timestamp = this.Now },
            ],
            activities: [new ActivityRequest(0, "Work", "1.0", "\"w\"")],
            messages: [new OutgoingMessage("other", ping), TimerMessage(item, 1, fireAt)],
            customStatus: "\"step 1\"");

        await store.CompleteOrchestrationAsync(item, checkpoint, this.Ct);

        // History appended, status and custom status set.
        AssertEvents(checkpoint.NewHistory, await store.GetHistoryAsync("main", this.Ct));
        AssertEvents(checkpoint.NewHistory.Skip(3), await store.ReadHistoryAsync("main", 3, this.Ct));
        InstanceRecord record = await this.GetAsync(store, "main");
        Assert.Equal(OrchestrationRuntimeStatus.Running, record.RuntimeStatus);
        Assert.Equal("\"step 1\"", record.CustomStatus);
        Assert.Equal("\"in\"", record.Input);
        Assert.Equal(T0.AddMinutes(1), record.LastUpdatedAt);
        Assert.Null(record.CompletedAt);
        Assert.Null(record.Output);

        // Activity queued.
        ActivityWorkItem activity = Assert.Single(await store.LockNextActivitiesAsync(10, this.Ct));
        Assert.Equal("main", activity.InstanceId);
        Assert.Equal(item.ExecutionId, activity.ExecutionId);
        Assert.Equal(0, activity.TaskId);
        Assert.Equal("Work", activity.Name);
        Assert.Equal("1.0", activity.Version);
        Assert.Equal("\"w\"", activity.Input);
        Assert.Equal(1, activity.DequeueCount);

        // Consumed messages gone, the message that arrived meanwhile kept, the timer invisible, the sent event delivered.
        IReadOnlyList<OrchestrationWorkItem> next = await store.LockNextOrchestrationsAsync(10, this.Ct);
        Assert.Equal(2, next.Count);
        OrchestrationWorkItem main = Assert.Single(next, i => i.InstanceId == "main");
        Assert.Equal(checkpoint.NewHistory.Count, main.HistoryLength);
        AssertEvents([during], main.Messages.Select(m => m.Event));
        OrchestrationWorkItem other = Assert.Single(next, i => i.InstanceId == "other");
        Assert.Equal(2, other.Messages.Count);
        Assert.Equal(HistoryEventType.ExecutionStarted, other.Messages[0].Event.EventType);
        AssertEvent(ping, other.Messages[1].Event);
        Assert.Equal(fireAt, await store.GetNextWakeTimeAsync(this.Ct));

        // The custom status is the episode's: an episode that clears it clears it.
        await store.AbandonOrchestrationAsync(other, this.Ct);
        await store.CompleteOrchestrationAsync(main, this.Episode(main, customStatus: null), this.Ct);
        Assert.Null((await this.GetAsync(store, "main")).CustomStatus);
    }

    [Theory]
    [InlineData(OrchestrationRuntimeStatus.Completed)]
    [InlineData(OrchestrationRuntimeStatus.Failed)]
    [InlineData(OrchestrationRuntimeStatus.Terminated)]
    public async Task CompleteOrchestration_TerminalStatus_RecordsOutcomeAndCompletionTime(OrchestrationRuntimeStatus status)
    {
        IOrchestrationStore store = await this.OpenStoreAsync();
        await this.StartAsync(store, "ending", input: "\"in\"");
        Assert.True(await store.SendMessageAsync("ending", this.EventRaised("Go"), null, this.Ct));
        this.Clock.Advance(TimeSpan.FromMinutes(5));
        string? output = status == OrchestrationRuntimeStatus.Failed ? null : "\"out\"";
        TaskFailureDetails? failure = status == OrchestrationRuntimeStatus.Failed
            ? new TaskFailureDetails("System.InvalidOperationException", "It broke.", "at Somewhere()", new TaskFailureDetails("System.IO.IOException", "Disk.", null, null))
            : null;

        (_, OrchestrationCheckpoint checkpoint) = await this.RunEpisodeAsync(
            store,
            "ending",
            item => this.Episode(item, status, customStatus: "\"last\"", output: output, failure: failure));

        InstanceRecord record = await this.GetAsync(store, "ending");
        Assert.Equal(status, record.RuntimeStatus);
        Assert.Equal(T0.AddMinutes(5), record.CompletedAt);
        Assert.Equal(T0.AddMinutes(5), record.LastUpdatedAt);
        Assert.Equal(T0, record.CreatedAt);
        Assert.Equal(output, record.Output);
        Assert.Equal("\"last\"", record.CustomStatus);
        Assert.Equal("\"in\"", record.Input);
        Assert.Equal(failure, record.FailureDetails);
        IReadOnlyList<HistoryEvent> history = await store.GetHistoryAsync("ending", this.Ct);
        AssertEvents(checkpoint.NewHistory, history.Skip(2));
        await this.AssertNothingToClaimAsync(store);
    }

    [Theory]
    [InlineData(OrchestrationRuntimeStatus.Completed)]
    [InlineData(OrchestrationRuntimeStatus.Failed)]
    [InlineData(OrchestrationRuntimeStatus.Terminated)]
    public async Task CompleteOrchestration_TerminalStatus_DropsPendingTimersAndUnstartedActivities_NotRunningOnes(OrchestrationRuntimeStatus status)
    {
        IOrchestrationStore store = await this.OpenStoreAsync();

        ActivityWorkItem? started = await this.DriveToAsync(store, "stopped", status, leftovers: true);

        Assert.Empty(await store.LockNextActivitiesAsync(10, this.Ct));
        Assert.Null(await store.GetNextWakeTimeAsync(this.Ct));
        this.Clock.Advance(TimeSpan.FromHours(2));
        await this.AssertNothingToClaimAsync(store);
        Assert.Single(await store.RenewActivityLocksAsync([started!], this.Ct));
        IReadOnlyList<HistoryEvent> history = await store.GetHistoryAsync("stopped", this.Ct);
        await store.CompleteActivitiesAsync([(started!, this.TaskCompleted(0, "\"after the end\""))], this.Ct);
        await this.AssertNothingToClaimAsync(store);
        AssertEvents(history, await store.GetHistoryAsync("stopped", this.Ct));
        Assert.Equal(status, (await this.GetAsync(store, "stopped")).RuntimeStatus);
    }

    [Fact]
    public async Task CompleteOrchestration_MessagesToUnknownFinishedOrOtherExecutionTargets_AreDropped()
    {
        IOrchestrationStore store = await this.OpenStoreAsync();
        await this.DriveToAsync(store, "finished", OrchestrationRuntimeStatus.Completed);
        (OrchestrationWorkItem target, _) = await this.StartAsync(store, "target");
        await this.StartAsync(store, "sender");
        Assert.True(await store.SendMessageAsync("sender", this.EventRaised("Go"), null, this.Ct));
        HistoryEvent delivered = this.EventRaised("Delivered", "1");

        await this.RunEpisodeAsync(store, "sender", item => this.Episode(
            item,
            messages:
            [
                new OutgoingMessage("unknown", this.EventRaised("ToUnknown")),
                new OutgoingMessage("finished", this.EventRaised("ToFinished")),
                new OutgoingMessage("target", this.EventRaised("ToAnotherExecution"), null, "some-earlier-execution"),
                new OutgoingMessage("target", delivered, null, target.ExecutionId),
            ]));

        Assert.Null(await store.GetInstanceAsync("unknown", includePayloads: false, this.Ct));
        OrchestrationWorkItem claimed = Assert.Single(await store.LockNextOrchestrationsAsync(10, this.Ct));
        Assert.Equal("target", claimed.InstanceId);
        AssertEvents([delivered], claimed.Messages.Select(m => m.Event));
    }

    [Fact]
    public async Task CompleteOrchestration_ContinueAsNew_ReplacesHistoryAndStartsTheNextExecution()
    {
        IOrchestrationStore store = await this.OpenStoreAsync(o => o.PayloadInlineThreshold = 64);
        DateTimeOffset oldTimer = T0.AddHours(1);
        (OrchestrationWorkItem first, _) = await this.StartAsync(
            store,
            "loop",
            item => this.Episode(
                item,
                actions: [this.TimerCreated(1, oldTimer)],
                activities: [new ActivityRequest(0, "Step", null, "\"s\"")],
                messages: [TimerMessage(item, 1, oldTimer)],
                customStatus: "\"round 1\""),
            input: Big('1'));
        HistoryEvent carried = this.EventRaised("Carried", "\"c\"");
        Assert.True(await store.SendMessageAsync("loop", carried, null, this.Ct));
        this.Clock.Advance(TimeSpan.FromMinutes(1));
        string nextInput = Big('2');
        HistoryEvent nextStarted = this.ExecutionStarted("Orchestrator", "exec-2", nextInput);

        await this.RunEpisodeAsync(store, "loop", item => this.Episode(
            item,
            actions: [new HistoryEvent { EventType = HistoryEventType.ContinueAsNew, Input = nextInput, Timestamp = this.Now }],
            customStatus: "\"round 2\"",
            continueAsNew: new NewExecution("exec-2", nextInput, [nextStarted, carried])));

        InstanceRecord record = await this.GetAsync(store, "loop");
        Assert.Equal("exec-2", record.ExecutionId);
        Assert.NotEqual(first.ExecutionId, record.ExecutionId);
        Assert.Equal(OrchestrationRuntimeStatus.Running, record.RuntimeStatus);
        Assert.Equal(nextInput, record.Input);
        Assert.Null(record.CompletedAt);
        Assert.Null(record.Output);
        Assert.Equal(T0, record.CreatedAt);
        Assert.Empty(await store.GetHistoryAsync("loop", this.Ct));

        OrchestrationWorkItem next = await this.ClaimAsync(store, "loop");
        Assert.Equal("exec-2", next.ExecutionId);
        Assert.Equal(0, next.HistoryLength);
        AssertEvents([nextStarted, carried], next.Messages.Select(m => m.Event));
        OrchestrationCheckpoint firstOfNext = this.Episode(next);
        await store.CompleteOrchestrationAsync(next, firstOfNext, this.Ct);
        AssertEvents(firstOfNext.NewHistory, await store.GetHistoryAsync("loop", this.Ct));

        // The old execution's timer never reaches the new execution.
        this.Clock.Advance(TimeSpan.FromHours(2));
        await this.AssertNothingToClaimAsync(store);
    }

    [Fact]
    public async Task CompleteOrchestration_ContinueAsNew_CarriedEventsStayAheadOfEventsThatArrivedDuringTheEpisode()
    {
        IOrchestrationStore store = await this.OpenStoreAsync();
        await this.StartAsync(store, "fifo");
        HistoryEvent add1 = this.EventRaised("Add", "1");
        HistoryEvent add2 = this.EventRaised("Add", "2");
        HistoryEvent add3 = this.EventRaised("Add", "3");
        Assert.True(await store.SendMessageAsync("fifo", add1, null, this.Ct));
        Assert.True(await store.SendMessageAsync("fifo", add2, null, this.Ct));
        OrchestrationWorkItem item = await this.ClaimAsync(store, "fifo");
        AssertEvents([add1, add2], item.Messages.Select(m => m.Event));

        // Add3 arrives while the episode runs; the episode takes Add1 and continues as new, carrying Add2 over.
        Assert.True(await store.SendMessageAsync("fifo", add3, null, this.Ct));
        HistoryEvent nextStarted = this.ExecutionStarted("Orchestrator", "exec-2", "1");
        await store.CompleteOrchestrationAsync(item, this.Episode(item, continueAsNew: new NewExecution("exec-2", "1", [nextStarted, add2])), this.Ct);

        OrchestrationWorkItem next = await this.ClaimAsync(store, "fifo");
        AssertEvents([nextStarted, add2, add3], next.Messages.Select(m => m.Event));
    }

    [Fact]
    public async Task CompleteOrchestration_SubOrchestration_CreatesAPendingChildThatKnowsItsParent()
    {
        IOrchestrationStore store = await this.OpenStoreAsync();
        await store.CreateInstanceAsync(this.NewInstance("parent", "Parent"), [], this.Ct);
        NewOrchestrationInstance child = null!;

        (OrchestrationWorkItem parent, OrchestrationCheckpoint checkpoint) = await this.RunEpisodeAsync(store, "parent", item =>
        {
            child = this.NewInstance("parent:0", "Child", "\"child input\"", parent: new ParentInstanceInfo("Parent", "parent", item.ExecutionId, 0));
            return this.Episode(item, subOrchestrations: [new SubOrchestrationRequest(child, 0)]);
        });

        InstanceRecord record = await this.GetAsync(store, "parent:0");
        Assert.Equal(OrchestrationRuntimeStatus.Pending, record.RuntimeStatus);
        Assert.Equal("Child", record.Name);
        Assert.Equal("\"child input\"", record.Input);
        Assert.Equal("parent", record.ParentInstanceId);
        Assert.Equal(child.ExecutionStarted.ExecutionId, record.ExecutionId);
        AssertEvents(checkpoint.NewHistory, await store.GetHistoryAsync("parent", this.Ct));

        OrchestrationWorkItem claimed = Assert.Single(await store.LockNextOrchestrationsAsync(10, this.Ct));
        Assert.Equal("parent:0", claimed.InstanceId);
        HistoryEvent started = Assert.Single(claimed.Messages).Event;
        AssertEvent(child.ExecutionStarted, started);
        Assert.Equal(new ParentInstanceInfo("Parent", "parent", parent.ExecutionId, 0), started.ParentInstance);
    }

    [Theory]
    [InlineData(OrchestrationRuntimeStatus.Pending)]
    [InlineData(OrchestrationRuntimeStatus.Running)]
    [InlineData(OrchestrationRuntimeStatus.Suspended)]
    public async Task CompleteOrchestration_SubOrchestrationWhoseIdIsLive_LeavesItAndTellsTheParentItFailed(OrchestrationRuntimeStatus status)
    {
        IOrchestrationStore store = await this.OpenStoreAsync();
        await this.DriveToAsync(store, "taken", status);
        InstanceRecord before = await this.GetAsync(store, "taken");
        await store.CreateInstanceAsync(this.NewInstance("parent", "Parent"), [], this.Ct);

        (OrchestrationWorkItem parent, _) = await this.RunEpisodeAsync(store, "parent", item => this.Episode(
            item,
            subOrchestrations:
            [
                new SubOrchestrationRequest(
                    this.NewInstance("taken", "Child", "\"new\"", parent: new ParentInstanceInfo("Parent", "parent", item.ExecutionId, 3)),
                    3),
            ]));

        InstanceRecord after = await this.GetAsync(store, "taken");
        Assert.Equal(before.ExecutionId, after.ExecutionId);
        Assert.Equal(status, after.RuntimeStatus);
        Assert.Equal(before.Name, after.Name);
        Assert.Null(after.ParentInstanceId);

        OrchestrationWorkItem notified = await this.ClaimAsync(store, "parent");
        Assert.Equal(parent.ExecutionId, notified.ExecutionId);
        HistoryEvent failed = Assert.Single(notified.Messages).Event;
        Assert.Equal(HistoryEventType.SubOrchestrationInstanceFailed, failed.EventType);
        Assert.Equal(3, failed.TaskScheduledId);
        Assert.NotNull(failed.FailureDetails);
        Assert.Contains("taken", failed.FailureDetails.ErrorMessage, StringComparison.Ordinal);

        if (status == OrchestrationRuntimeStatus.Pending)
        {
            // The existing instance's inbox holds only its own start, not a second one.
            OrchestrationWorkItem existing = await this.ClaimAsync(store, "taken");
            Assert.Equal(before.ExecutionId, Assert.Single(existing.Messages).Event.ExecutionId);
        }
    }

    [Theory]
    [InlineData(OrchestrationRuntimeStatus.Completed)]
    [InlineData(OrchestrationRuntimeStatus.Failed)]
    [InlineData(OrchestrationRuntimeStatus.Terminated)]
    public async Task CompleteOrchestration_SubOrchestrationWhoseIdIsFinished_ReplacesIt(OrchestrationRuntimeStatus status)
    {
        IOrchestrationStore store = await this.OpenStoreAsync();
        await this.DriveToAsync(store, "reused-child", status, leftovers: true);
        await store.CreateInstanceAsync(this.NewInstance("parent", "Parent"), [], this.Ct);
        NewOrchestrationInstance child = null!;

        await this.RunEpisodeAsync(store, "parent", item =>
        {
            child = this.NewInstance("reused-child", "Child", "\"new\"", parent: new ParentInstanceInfo("Parent", "parent", item.ExecutionId, 0));
            return this.Episode(item, subOrchestrations: [new SubOrchestrationRequest(child, 0)]);
        });

        InstanceRecord record = await this.GetAsync(store, "reused-child");
        Assert.Equal(OrchestrationRuntimeStatus.Pending, record.RuntimeStatus);
        Assert.Equal(child.ExecutionStarted.ExecutionId, record.ExecutionId);
        Assert.Equal("parent", record.ParentInstanceId);
        Assert.Equal("\"new\"", record.Input);
        Assert.Null(record.Output);
        Assert.Empty(await store.GetHistoryAsync("reused-child", this.Ct));
        Assert.Empty(await store.LockNextActivitiesAsync(10, this.Ct));
        OrchestrationWorkItem claimed = Assert.Single(await store.LockNextOrchestrationsAsync(10, this.Ct));
        Assert.Equal("reused-child", claimed.InstanceId);
        AssertEvent(child.ExecutionStarted, Assert.Single(claimed.Messages).Event);
    }
}
