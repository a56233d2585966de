using Workflows.Durable.Client;
using Workflows.Durable.Storage;

namespace Workflows.Durable.Tests.Storage;

/// <summary>Claiming orchestration work: order, exclusivity across processes, lapsed locks, and stale episodes.</summary>
public abstract partial class OrchestrationStoreContractTests
{
    [Fact]
    public async Task LockNextOrchestrations_ReturnsTheInboxOldestFirst()
    {
        IOrchestrationStore store = await this.OpenStoreAsync();
        NewOrchestrationInstance instance = this.NewInstance("ordered");
        await store.CreateInstanceAsync(instance, [], this.Ct);
        var sent = new List<HistoryEvent> { instance.ExecutionStarted };
        for (int i = 1; i <= 5; i++)
        {
            this.Clock.Advance(TimeSpan.FromSeconds(1));
            HistoryEvent message = this.EventRaised($"e{i}", $"{i}");
            sent.Add(message);
            Assert.True(await store.SendMessageAsync("ordered", message, null, this.Ct));
        }

        OrchestrationWorkItem item = await this.ClaimAsync(store, "ordered");

        AssertEvents(sent, item.Messages.Select(m => m.Event));
        Assert.Equal(item.Messages.Count, item.Messages.Select(m => m.SequenceNumber).Distinct().Count());
        Assert.True(item.Messages.Zip(item.Messages.Skip(1)).All(p => p.First.SequenceNumber < p.Second.SequenceNumber), "Sequence numbers are not increasing.");
    }

    [Fact]
    public async Task LockNextOrchestrations_ClaimsAtMostMaxCountDistinctInstances()
    {
        IOrchestrationStore store = await this.OpenStoreAsync();
        foreach (string id in new[] { "batch-a", "batch-b", "batch-c" })
        {
            await store.CreateInstanceAsync(this.NewInstance(id), [], this.Ct);
        }

        IReadOnlyList<OrchestrationWorkItem> first = await store.LockNextOrchestrationsAsync(2, this.Ct);
        IReadOnlyList<OrchestrationWorkItem> second = await store.LockNextOrchestrationsAsync(2, this.Ct);
        IReadOnlyList<OrchestrationWorkItem> third = await store.LockNextOrchestrationsAsync(2, this.Ct);

        Assert.Equal(2, first.Count);
        Assert.Single(second);
        Assert.Empty(third);
        Assert.Equal(["batch-a", "batch-b", "batch-c"], first.Concat(second).Select(i => i.InstanceId).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task LockNextOrchestrations_ClaimsTheInstanceWaitingLongestFirst()
    {
        IOrchestrationStore store = await this.OpenStoreAsync();
        foreach (string id in new[] { "z-first", "m-second", "a-third" })
        {
            await store.CreateInstanceAsync(this.NewInstance(id), [], this.Ct);
        }

        Assert.Equal("z-first", Assert.Single(await store.LockNextOrchestrationsAsync(1, this.Ct)).InstanceId);
        Assert.Equal("m-second", Assert.Single(await store.LockNextOrchestrationsAsync(1, this.Ct)).InstanceId);
        Assert.Equal("a-third", Assert.Single(await store.LockNextOrchestrationsAsync(1, this.Ct)).InstanceId);
    }

    [Fact]
    public async Task LockNextOrchestrations_ConcurrentClaimsFromTwoStores_NeverHandOutAnInstanceTwice()
    {
        IOrchestrationStore first = await this.OpenStoreAsync();
        IOrchestrationStore second = await this.OpenStoreAsync();
        for (int i = 0; i < 20; i++)
        {
            await first.CreateInstanceAsync(this.NewInstance($"race-{i:D2}"), [], this.Ct);
        }

        async Task<List<string>> DrainAsync(IOrchestrationStore store)
        {
            var claimed = new List<string>();
            for (int attempt = 0; attempt < 100; attempt++)
            {
                IReadOnlyList<OrchestrationWorkItem> items = await store.LockNextOrchestrationsAsync(2, this.Ct);
                if (items.Count == 0)
                {
                    break;
                }

                claimed.AddRange(items.Select(i => i.InstanceId));
            }

            return claimed;
        }

        List<string>[] claims = await Task.WhenAll(Task.Run(() => DrainAsync(first)), Task.Run(() => DrainAsync(second)));

        List<string> all = [.. claims[0], .. claims[1]];
        Assert.Equal(20, all.Count);
        Assert.Equal(20, all.Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public async Task ConcurrentCreates_OnOneStore_FailIndependently()
    {
        IOrchestrationStore store = await this.OpenStoreAsync();
        await store.CreateInstanceAsync(this.NewInstance("taken", executionId: "exec-original"), [], this.Ct);
        string IdOf(int i) => i % 5 == 0 ? "taken" : $"parallel-{i:D2}";

        async Task<Exception?> TryCreateAsync(int i)
        {
            try
            {
                await store.CreateInstanceAsync(this.NewInstance(IdOf(i)), [OrchestrationRuntimeStatus.Pending], this.Ct);
                return null;
            }
            catch (OrchestrationAlreadyExistsException ex)
            {
                return ex;
            }
        }

        Exception?[] outcomes = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => Task.Run(() => TryCreateAsync(i))));

        for (int i = 0; i < outcomes.Length; i++)
        {
            Assert.True(IdOf(i) == "taken" ? outcomes[i] is not null : outcomes[i] is null, $"Create #{i} ({IdOf(i)}): {outcomes[i]?.Message ?? "succeeded"}");
        }

        Assert.Equal(17, (await store.QueryInstancesAsync(new InstanceQuery(), this.Ct)).Instances.Count);
        Assert.Equal("exec-original", (await this.GetAsync(store, "taken")).ExecutionId);
        IReadOnlyList<OrchestrationWorkItem> claimed = await store.LockNextOrchestrationsAsync(100, this.Ct);
        Assert.Equal(17, claimed.Count);
        Assert.All(claimed, item => Assert.Single(item.Messages));
    }

    [Fact]
    public async Task ConcurrentCheckpoints_OnOneStore_ARejectedOneChangesNothing_AndTheOthersCommit()
    {
        IOrchestrationStore store = await this.OpenStoreAsync();
        for (int i = 0; i < 6; i++)
        {
            await store.CreateInstanceAsync(this.NewInstance($"commit-{i}"), [], this.Ct);
        }

        IReadOnlyList<OrchestrationWorkItem> items = await store.LockNextOrchestrationsAsync(10, this.Ct);
        Assert.Equal(6, items.Count);
        OrchestrationWorkItem stale = Assert.Single(items, i => i.InstanceId == "commit-3");
        await store.AbandonOrchestrationAsync(stale, this.Ct);
        OrchestrationWorkItem fresh = await this.ClaimAsync(store, "commit-3");

        async Task<Exception?> TryCommitAsync(OrchestrationWorkItem item)
        {
            try
            {
                await store.CompleteOrchestrationAsync(item, this.Episode(item, OrchestrationRuntimeStatus.Completed, output: $"\"{item.InstanceId}\""), this.Ct);
                return null;
            }
            catch (LockLostException ex)
            {
                return ex;
            }
        }

        Exception?[] outcomes = await Task.WhenAll(items.Select(item => Task.Run(() => TryCommitAsync(item))));

        for (int i = 0; i < items.Count; i++)
        {
            bool isStale = items[i] == stale;
            Assert.True(isStale ? outcomes[i] is LockLostException : outcomes[i] is null, $"{items[i].InstanceId}: {outcomes[i]?.Message ?? "committed"}");
            InstanceRecord record = await this.GetAsync(store, items[i].InstanceId);
            Assert.Equal(isStale ? OrchestrationRuntimeStatus.Pending : OrchestrationRuntimeStatus.Completed, record.RuntimeStatus);
            Assert.Equal(isStale ? null : $"\"{items[i].InstanceId}\"", record.Output);
        }

        Assert.Empty(await store.GetHistoryAsync("commit-3", this.Ct));
        await store.CompleteOrchestrationAsync(fresh, this.Episode(fresh), this.Ct);
        Assert.Equal(OrchestrationRuntimeStatus.Running, (await this.GetAsync(store, "commit-3")).RuntimeStatus);
    }

    /// <remarks>Waits for a lock to lapse, in real time.</remarks>
    [Fact]
    public async Task LockNextOrchestrations_ClaimedInstance_IsLockedUntilTheLockLapses_ThenTakenOver_AndTheStaleEpisodeChangesNothing()
    {
        IOrchestrationStore first = await this.OpenStoreAsync(o => o.LockTimeout = ShortLockTimeout);
        IOrchestrationStore second = await this.OpenStoreAsync(o => o.LockTimeout = ShortLockTimeout);
        await this.StartAsync(first, "bystander");
        NewOrchestrationInstance instance = this.NewInstance("contended");
        await first.CreateInstanceAsync(instance, [], this.Ct);
        OrchestrationWorkItem stale = await this.ClaimAsync(first, "contended");

        // Locked: neither the other process nor the same one can claim it, even when new messages arrive.
        Assert.Empty(await second.LockNextOrchestrationsAsync(10, this.Ct));
        Assert.Empty(await first.LockNextOrchestrationsAsync(10, this.Ct));
        HistoryEvent late = this.EventRaised("Late", "1");
        Assert.True(await second.SendMessageAsync("contended", late, null, this.Ct));
        Assert.Empty(await second.LockNextOrchestrationsAsync(10, this.Ct));

        await Task.Delay(PastShortLock, this.Ct);

        // A lapsed lock is no longer held, even before anyone takes the instance over.
        OrchestrationCheckpoint rejected = this.Episode(
            stale,
            activities: [new ActivityRequest(0, "Stale", null, "\"stale\"")],
            messages: [new OutgoingMessage("bystander", this.EventRaised("FromStale")), TimerMessage(stale, 1, T0.AddHours(1))],
            actions: [this.TimerCreated(1, T0.AddHours(1))],
            customStatus: "\"stale\"");
        await Assert.ThrowsAsync<LockLostException>(() => first.CompleteOrchestrationAsync(stale, rejected, this.Ct));

        OrchestrationWorkItem taken = await this.ClaimAsync(second, "contended");
        Assert.NotEqual(stale.Lock.Token, taken.Lock.Token);
        AssertEvents([instance.ExecutionStarted, late], taken.Messages.Select(m => m.Event));

        await Assert.ThrowsAsync<LockLostException>(() => first.CompleteOrchestrationAsync(stale, rejected, this.Ct));

        // Nothing of the stale episode is visible: no history, status, custom status, task, timer or message to another instance.
        Assert.Empty(await second.GetHistoryAsync("contended", this.Ct));
        InstanceRecord record = await this.GetAsync(second, "contended");
        Assert.Equal(OrchestrationRuntimeStatus.Pending, record.RuntimeStatus);
        Assert.Null(record.CustomStatus);
        Assert.Empty(await second.LockNextActivitiesAsync(10, this.Ct));
        Assert.Null(await second.GetNextWakeTimeAsync(this.Ct));
        await this.AssertNothingToClaimAsync(second);

        // The new owner's episode commits, consuming the messages the stale one left in place.
        OrchestrationCheckpoint accepted = this.Episode(taken);
        await second.CompleteOrchestrationAsync(taken, accepted, this.Ct);
        AssertEvents(accepted.NewHistory, await second.GetHistoryAsync("contended", this.Ct));
        Assert.Equal(OrchestrationRuntimeStatus.Running, (await this.GetAsync(second, "contended")).RuntimeStatus);
        await this.AssertNothingToClaimAsync(first);
    }

    [Fact]
    public async Task AbandonOrchestration_ReleasesTheLockAtOnce_AndTheAbandonedEpisodeIsRejected()
    {
        IOrchestrationStore first = await this.OpenStoreAsync();
        IOrchestrationStore second = await this.OpenStoreAsync();
        await first.CreateInstanceAsync(this.NewInstance("abandoned"), [], this.Ct);
        OrchestrationWorkItem abandoned = await this.ClaimAsync(first, "abandoned");

        await first.AbandonOrchestrationAsync(abandoned, this.Ct);
        OrchestrationWorkItem taken = await this.ClaimAsync(second, "abandoned");

        Assert.Equal(abandoned.Messages.Select(m => m.SequenceNumber), taken.Messages.Select(m => m.SequenceNumber));
        await Assert.ThrowsAsync<LockLostException>(
            () => first.CompleteOrchestrationAsync(abandoned, this.Episode(abandoned, OrchestrationRuntimeStatus.Completed, output: "\"abandoned\""), this.Ct));
        Assert.Equal(OrchestrationRuntimeStatus.Pending, (await this.GetAsync(second, "abandoned")).RuntimeStatus);

        await second.CompleteOrchestrationAsync(taken, this.Episode(taken), this.Ct);
        Assert.Equal(OrchestrationRuntimeStatus.Running, (await this.GetAsync(second, "abandoned")).RuntimeStatus);
    }

    [Fact]
    public async Task CompleteOrchestration_ReleasesTheLock_SoTheNextMessageIsClaimedByAnyStore()
    {
        IOrchestrationStore first = await this.OpenStoreAsync();
        IOrchestrationStore second = await this.OpenStoreAsync();
        (OrchestrationWorkItem started, _) = await this.StartAsync(first, "released");

        Assert.True(await first.SendMessageAsync("released", this.EventRaised("Next"), null, this.Ct));
        OrchestrationWorkItem next = await this.ClaimAsync(second, "released");

        Assert.Equal(started.ExecutionId, next.ExecutionId);
        Assert.Equal(OrchestrationRuntimeStatus.Running, next.RuntimeStatus);
        Assert.Equal(2, next.HistoryLength);
        Assert.Equal("Next", Assert.Single(next.Messages).Event.Name);
    }
}
