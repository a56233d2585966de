using Workflows.Durable.Client;
using Workflows.Durable.Storage;

namespace Workflows.Durable.Tests.Storage;

/// <summary>Activity tasks: exclusive claims, lapsed and stolen locks, renewal, and results.</summary>
public abstract partial class OrchestrationStoreContractTests
{
    private static readonly ActivityRequest[] ThreeActivities =
    [
        new(0, "A", null, "\"a\""),
        new(1, "B", null, "\"b\""),
        new(2, "C", null, "\"c\""),
    ];

    [Fact]
    public async Task LockNextActivities_ClaimIsExclusiveAcrossStores()
    {
        IOrchestrationStore first = await this.OpenStoreAsync();
        IOrchestrationStore second = await this.OpenStoreAsync();
        await this.StartAsync(first, "fan-out", item => this.Episode(item, activities: ThreeActivities));

        IReadOnlyList<ActivityWorkItem> firstBatch = await first.LockNextActivitiesAsync(2, this.Ct);
        IReadOnlyList<ActivityWorkItem> secondBatch = await second.LockNextActivitiesAsync(10, this.Ct);

        Assert.Equal(2, firstBatch.Count);
        Assert.Single(secondBatch);
        Assert.Empty(await first.LockNextActivitiesAsync(10, this.Ct));
        Assert.Empty(await second.LockNextActivitiesAsync(10, this.Ct));
        List<ActivityWorkItem> all = [.. firstBatch, .. secondBatch];
        Assert.Equal([0, 1, 2], all.Select(a => a.TaskId).Order());
        Assert.Equal(3, all.Select(a => a.SequenceNumber).Distinct().Count());
        Assert.All(all, a => Assert.Equal(1, a.DequeueCount));
        Assert.All(all, a => Assert.Equal(ThreeActivities[a.TaskId].Input, a.Input));
        Assert.DoesNotContain(secondBatch[0].Lock.Token, firstBatch.Select(a => a.Lock.Token));
        Assert.NotEqual(firstBatch[0].Lock.Owner, secondBatch[0].Lock.Owner);
    }

    [Fact]
    public async Task LockNextActivities_ConcurrentClaimsFromTwoStores_NeverHandOutATaskTwice()
    {
        IOrchestrationStore first = await this.OpenStoreAsync();
        IOrchestrationStore second = await this.OpenStoreAsync();
        await this.StartAsync(first, "race", item => this.Episode(item, activities: [.. Enumerable.Range(0, 30).Select(i => new ActivityRequest(i, "Work", null, null))]));

        async Task<List<int>> DrainAsync(IOrchestrationStore store)
        {
            var claimed = new List<int>();
            for (int attempt = 0; attempt < 100; attempt++)
            {
                IReadOnlyList<ActivityWorkItem> items = await store.LockNextActivitiesAsync(2, this.Ct);
                if (items.Count == 0)
                {
                    break;
                }

                claimed.AddRange(items.Select(i => i.TaskId));
            }

            return claimed;
        }

        List<int>[] claims = await Task.WhenAll(Task.Run(() => DrainAsync(first)), Task.Run(() => DrainAsync(second)));

        Assert.Equal(Enumerable.Range(0, 30), claims[0].Concat(claims[1]).Order());
    }

    /// <remarks>Waits for a lock to lapse, in real time: A is renewed, as a worker does periodically, and kept; B lapses and
    /// is taken over by the other store; C lapses and is not taken over. Only A's result from the first store is accepted.
    /// The takeover comes right after A's last renewal, so that a stalled test process cannot let A's lease lapse too.</remarks>
    [Fact]
    public async Task ActivityLocks_RenewedLockIsKept_LapsedLocksAreTakenOver_AndTheirStaleResultsAreRejected()
    {
        IOrchestrationStore first = await this.OpenStoreAsync(o => o.LockTimeout = ShortLockTimeout);
        IOrchestrationStore second = await this.OpenStoreAsync(o => o.LockTimeout = ShortLockTimeout);
        await this.StartAsync(first, "lease", item => this.Episode(item, activities: ThreeActivities));
        IReadOnlyList<ActivityWorkItem> claimed = await first.LockNextActivitiesAsync(10, this.Ct);
        Assert.Equal(3, claimed.Count);
        ActivityWorkItem a = Assert.Single(claimed, i => i.TaskId == 0);
        ActivityWorkItem b = Assert.Single(claimed, i => i.TaskId == 1);
        ActivityWorkItem c = Assert.Single(claimed, i => i.TaskId == 2);
        DateTimeOffset firstExpiry = a.Lock.ExpiresAt;

        await Task.Delay(ShortLockTimeout / 2, this.Ct);
        ActivityWorkItem renewed = Assert.Single(await first.RenewActivityLocksAsync([a], this.Ct));
        Assert.Equal(0, renewed.TaskId);
        Assert.True(renewed.Lock.ExpiresAt > firstExpiry, "Renewal did not push the lock's expiry forward.");
        await Task.Delay(PastShortLock - (ShortLockTimeout / 2), this.Ct);

        // C lapsed and nobody took it: its result is still rejected, and it stays queued.
        Assert.Equal([false], await first.CompleteActivitiesAsync([(c, this.TaskCompleted(2, "\"stale c\""))], this.Ct));

        // B and C lapsed and are taken over by the other store; A's renewed lock holds.
        Assert.Single(await first.RenewActivityLocksAsync([a], this.Ct));
        IReadOnlyList<ActivityWorkItem> takenOver = await second.LockNextActivitiesAsync(10, this.Ct);
        Assert.Equal([1, 2], takenOver.Select(i => i.TaskId).Order());
        Assert.All(takenOver, i => Assert.Equal(2, i.DequeueCount));
        Assert.Empty(await first.RenewActivityLocksAsync([b], this.Ct));

        Assert.Equal([true, false], await first.CompleteActivitiesAsync([(a, this.TaskCompleted(0, "\"first a\"")), (b, this.TaskCompleted(1, "\"stale b\""))], this.Ct));
        Assert.Equal(
            [true, true],
            await second.CompleteActivitiesAsync([.. takenOver.Select(i => (i, this.TaskCompleted(i.TaskId, $"\"second {i.Name}\"")))], this.Ct));

        Assert.Empty(await first.LockNextActivitiesAsync(10, this.Ct));
        OrchestrationWorkItem results = await this.ClaimAsync(second, "lease");
        Assert.Equal(
            ["0:\"first a\"", "1:\"second B\"", "2:\"second C\""],
            results.Messages.Select(m => $"{m.Event.TaskScheduledId}:{m.Event.Result}").Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task AbandonActivity_ReleasesTheTaskToAnotherStoreAtOnce_AndTheOldResultIsRejected()
    {
        IOrchestrationStore first = await this.OpenStoreAsync();
        IOrchestrationStore second = await this.OpenStoreAsync();
        await this.StartAsync(first, "retry", item => this.Episode(item, activities: [new ActivityRequest(0, "Flaky", null, "\"f\"")]));
        ActivityWorkItem abandoned = Assert.Single(await first.LockNextActivitiesAsync(10, this.Ct));

        await first.AbandonActivityAsync(abandoned, this.Ct);
        ActivityWorkItem again = Assert.Single(await second.LockNextActivitiesAsync(10, this.Ct));

        Assert.Equal(abandoned.SequenceNumber, again.SequenceNumber);
        Assert.Equal(2, again.DequeueCount);
        Assert.Equal("\"f\"", again.Input);
        Assert.Empty(await first.RenewActivityLocksAsync([abandoned], this.Ct));
        Assert.Equal([false], await first.CompleteActivitiesAsync([(abandoned, this.TaskCompleted(0, "\"stale\""))], this.Ct));
        Assert.Equal([true], await second.CompleteActivitiesAsync([(again, this.TaskCompleted(0, "\"fresh\""))], this.Ct));

        Assert.Empty(await first.LockNextActivitiesAsync(10, this.Ct));
        OrchestrationWorkItem item = await this.ClaimAsync(first, "retry");
        Assert.Equal("\"fresh\"", Assert.Single(item.Messages).Event.Result);
    }

    [Fact]
    public async Task CompleteActivities_DeliversResultsAndFailuresToTheInstanceInOrder()
    {
        IOrchestrationStore store = await this.OpenStoreAsync();
        await this.StartAsync(store, "results", item => this.Episode(item, activities: ThreeActivities[..2]));
        IReadOnlyList<ActivityWorkItem> claimed = await store.LockNextActivitiesAsync(10, this.Ct);
        HistoryEvent failure = this.TaskFailed(1, "B broke.");
        HistoryEvent success = this.TaskCompleted(0, "\"a done\"");

        IReadOnlyList<bool> accepted = await store.CompleteActivitiesAsync(
            [(Assert.Single(claimed, i => i.TaskId == 1), failure), (Assert.Single(claimed, i => i.TaskId == 0), success)],
            this.Ct);

        Assert.Equal([true, true], accepted);
        Assert.Empty(await store.LockNextActivitiesAsync(10, this.Ct));
        OrchestrationWorkItem item = await this.ClaimAsync(store, "results");
        AssertEvents([failure, success], item.Messages.Select(m => m.Event));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task CompleteActivities_ResultForAnExecutionThatEnded_IsDroppedAndTheTaskRemoved(bool continueAsNew)
    {
        IOrchestrationStore store = await this.OpenStoreAsync();
        await this.StartAsync(store, "moved-on", item => this.Episode(item, activities: [new ActivityRequest(0, "Slow", null, null)]));
        ActivityWorkItem slow = Assert.Single(await store.LockNextActivitiesAsync(10, this.Ct));
        Assert.True(await store.SendMessageAsync("moved-on", this.EventRaised("Go"), null, this.Ct));
        HistoryEvent nextStarted = this.ExecutionStarted("Orchestrator", "exec-next", null);
        await this.RunEpisodeAsync(store, "moved-on", item => continueAsNew
            ? this.Episode(item, continueAsNew: new NewExecution("exec-next", null, [nextStarted]))
            : this.Episode(item, OrchestrationRuntimeStatus.Completed, output: "\"done\""));
        IReadOnlyList<HistoryEvent> history = await store.GetHistoryAsync("moved-on", this.Ct);

        Assert.Equal([true], await store.CompleteActivitiesAsync([(slow, this.TaskCompleted(0, "\"late\""))], this.Ct));

        Assert.Empty(await store.LockNextActivitiesAsync(10, this.Ct));
        AssertEvents(history, await store.GetHistoryAsync("moved-on", this.Ct));
        if (continueAsNew)
        {
            OrchestrationWorkItem next = await this.ClaimAsync(store, "moved-on");
            Assert.Equal("exec-next", next.ExecutionId);
            AssertEvents([nextStarted], next.Messages.Select(m => m.Event));
        }
        else
        {
            await this.AssertNothingToClaimAsync(store);
            Assert.Equal(OrchestrationRuntimeStatus.Completed, (await this.GetAsync(store, "moved-on")).RuntimeStatus);
        }
    }
}
