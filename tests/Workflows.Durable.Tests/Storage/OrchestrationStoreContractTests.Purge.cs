using Workflows.Durable.Client;
using Workflows.Durable.Storage;

namespace Workflows.Durable.Tests.Storage;

/// <summary>Purging one instance (optionally with its sub-orchestrations) and purging by filter.</summary>
public abstract partial class OrchestrationStoreContractTests
{
    [Theory]
    [InlineData(OrchestrationRuntimeStatus.Completed)]
    [InlineData(OrchestrationRuntimeStatus.Failed)]
    [InlineData(OrchestrationRuntimeStatus.Terminated)]
    public async Task PurgeInstance_FinishedInstance_RemovesItWithItsHistoryMessagesAndTasks(OrchestrationRuntimeStatus status)
    {
        IOrchestrationStore store = await this.OpenStoreAsync();
        ActivityWorkItem? started = await this.DriveToAsync(store, "purged", status, leftovers: true);
        await this.DriveToAsync(store, "kept", OrchestrationRuntimeStatus.Completed);

        Assert.Equal(1, await store.PurgeInstanceAsync("purged", recursive: false, this.Ct));

        Assert.Null(await store.GetInstanceAsync("purged", includePayloads: true, this.Ct));
        Assert.Empty(await store.GetHistoryAsync("purged", this.Ct));
        Assert.Empty(await store.LockNextActivitiesAsync(10, this.Ct));
        Assert.Empty(await store.RenewActivityLocksAsync([started!], this.Ct));
        Assert.Null(await store.GetNextWakeTimeAsync(this.Ct));
        this.Clock.Advance(TimeSpan.FromHours(2));
        await this.AssertNothingToClaimAsync(store);
        Assert.Equal(["kept"], (await store.QueryInstancesAsync(new InstanceQuery(), this.Ct)).Instances.Select(r => r.InstanceId));
        Assert.NotEmpty(await store.GetHistoryAsync("kept", this.Ct));
        Assert.Equal(0, await store.PurgeInstanceAsync("purged", recursive: false, this.Ct));

        // The id is free again.
        await store.CreateInstanceAsync(this.NewInstance("purged"), [.. Enum.GetValues<OrchestrationRuntimeStatus>()], this.Ct);
        Assert.Single((await this.ClaimAsync(store, "purged")).Messages);
    }

    [Theory]
    [InlineData(OrchestrationRuntimeStatus.Pending)]
    [InlineData(OrchestrationRuntimeStatus.Running)]
    [InlineData(OrchestrationRuntimeStatus.Suspended)]
    public async Task PurgeInstance_LiveInstance_ReturnsZeroAndKeepsIt(OrchestrationRuntimeStatus status)
    {
        IOrchestrationStore store = await this.OpenStoreAsync();
        ActivityWorkItem? started = await this.DriveToAsync(store, "live", status, leftovers: true);
        IReadOnlyList<HistoryEvent> history = await store.GetHistoryAsync("live", this.Ct);

        Assert.Equal(0, await store.PurgeInstanceAsync("live", recursive: true, this.Ct));
        Assert.Equal(0, await store.PurgeInstanceAsync("nobody", recursive: true, this.Ct));

        Assert.Equal(status, (await this.GetAsync(store, "live")).RuntimeStatus);
        AssertEvents(history, await store.GetHistoryAsync("live", this.Ct));
        if (started is not null)
        {
            Assert.Single(await store.RenewActivityLocksAsync([started], this.Ct));
            Assert.Equal("Queued", Assert.Single(await store.LockNextActivitiesAsync(10, this.Ct)).Name);
            Assert.Equal(T0.AddHours(1), await store.GetNextWakeTimeAsync(this.Ct));
        }
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task PurgeInstance_Recursive_AlsoPurgesFinishedDescendants_NotLiveOnes(bool recursive)
    {
        IOrchestrationStore store = await this.OpenStoreAsync();
        await this.BuildTreeAsync(store);

        int purged = await store.PurgeInstanceAsync("tree", recursive, this.Ct);

        string[] gone = recursive ? ["tree", "tree:a", "tree:a:x"] : ["tree"];
        string[] kept = recursive ? ["tree-sibling", "tree:b"] : ["tree-sibling", "tree:a", "tree:a:x", "tree:b"];
        Assert.Equal(gone.Length, purged);
        foreach (string id in gone)
        {
            Assert.Null(await store.GetInstanceAsync(id, includePayloads: false, this.Ct));
            Assert.Empty(await store.GetHistoryAsync(id, this.Ct));
        }

        Assert.Equal(kept, (await store.QueryInstancesAsync(new InstanceQuery(), this.Ct)).Instances.Select(r => r.InstanceId).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task PurgeInstances_ByFilter_PurgesOnlyMatchingFinishedInstancesAndReturnsTheCount()
    {
        IOrchestrationStore store = await this.OpenStoreAsync();
        (string Id, OrchestrationRuntimeStatus Status)[] instances =
        [
            ("c1", OrchestrationRuntimeStatus.Completed),
            ("f1", OrchestrationRuntimeStatus.Failed),
            ("t1", OrchestrationRuntimeStatus.Terminated),
            ("r1", OrchestrationRuntimeStatus.Running),
            ("c2", OrchestrationRuntimeStatus.Completed),
        ];
        var started = new List<ActivityWorkItem>();
        for (int i = 0; i < instances.Length; i++)
        {
            this.Clock.SetUtcNow(T0.AddHours(i));
            started.Add((await this.DriveToAsync(store, instances[i].Id, instances[i].Status, leftovers: true))!);
        }

        this.Clock.SetUtcNow(T0.AddHours(5));
        Assert.Equal(0, await store.PurgeInstancesAsync(new PurgeFilter(null, null, [OrchestrationRuntimeStatus.Running, OrchestrationRuntimeStatus.Pending]), this.Ct));
        Assert.Equal(1, await store.PurgeInstancesAsync(new PurgeFilter(null, T0.AddHours(3), [OrchestrationRuntimeStatus.Completed]), this.Ct));
        Assert.Equal(["c2", "f1", "r1", "t1"], await this.QueryIdsAsync(store, new InstanceQuery()));
        Assert.Equal(1, await store.PurgeInstancesAsync(new PurgeFilter(T0.AddHours(1), T0.AddHours(1), null), this.Ct));
        Assert.Equal(["c2", "r1", "t1"], await this.QueryIdsAsync(store, new InstanceQuery()));
        Assert.Equal(2, await store.PurgeInstancesAsync(new PurgeFilter(null, null, null), this.Ct));
        Assert.Equal(["r1"], await this.QueryIdsAsync(store, new InstanceQuery()));
        Assert.Equal(0, await store.PurgeInstancesAsync(new PurgeFilter(null, null, null), this.Ct));

        // Only the running instance's history, tasks and timer are left.
        foreach ((string id, _) in instances.Where(i => i.Id != "r1"))
        {
            Assert.Empty(await store.GetHistoryAsync(id, this.Ct));
        }

        Assert.NotEmpty(await store.GetHistoryAsync("r1", this.Ct));
        Assert.Equal(["r1"], (await store.RenewActivityLocksAsync(started, this.Ct)).Select(a => a.InstanceId));
        ActivityWorkItem queued = Assert.Single(await store.LockNextActivitiesAsync(10, this.Ct));
        Assert.Equal(("r1", "Queued"), (queued.InstanceId, queued.Name));
        this.Clock.SetUtcNow(T0.AddDays(1));
        OrchestrationWorkItem timer = Assert.Single(await store.LockNextOrchestrationsAsync(10, this.Ct));
        Assert.Equal("r1", timer.InstanceId);
        Assert.Equal(HistoryEventType.TimerFired, Assert.Single(timer.Messages).Event.EventType);
    }

    /// <summary>tree (Completed) → tree:a (Completed) → tree:a:x (Completed); tree → tree:b (Pending); and an unrelated tree-sibling (Completed).</summary>
    private async Task BuildTreeAsync(IOrchestrationStore store)
    {
        await this.DriveToAsync(store, "tree-sibling", OrchestrationRuntimeStatus.Completed);
        await store.CreateInstanceAsync(this.NewInstance("tree", "Tree"), [], this.Ct);
        await this.RunEpisodeAsync(store, "tree", item => this.Episode(
            item,
            subOrchestrations:
            [
                new SubOrchestrationRequest(this.NewInstance("tree:a", "Branch", parent: new ParentInstanceInfo("Tree", "tree", item.ExecutionId, 0)), 0),
                new SubOrchestrationRequest(this.NewInstance("tree:b", "Branch", parent: new ParentInstanceInfo("Tree", "tree", item.ExecutionId, 1)), 1),
            ]));
        await this.RunEpisodeAsync(store, "tree:a", item => this.Episode(
            item,
            subOrchestrations: [new SubOrchestrationRequest(this.NewInstance("tree:a:x", "Leaf", parent: new ParentInstanceInfo("Branch", "tree:a", item.ExecutionId, 0)), 0)]));
        await this.RunEpisodeAsync(store, "tree:a:x", item => this.Episode(item, OrchestrationRuntimeStatus.Completed, output: "\"leaf\""));
        Assert.True(await store.SendMessageAsync("tree:a", this.EventRaised("Done"), null, this.Ct));
        await this.RunEpisodeAsync(store, "tree:a", item => this.Episode(item, OrchestrationRuntimeStatus.Completed, output: "\"branch\""));
        Assert.True(await store.SendMessageAsync("tree", this.EventRaised("Done"), null, this.Ct));
        await this.RunEpisodeAsync(store, "tree", item => this.Episode(item, OrchestrationRuntimeStatus.Completed, output: "\"tree\""));
        Assert.Equal(OrchestrationRuntimeStatus.Pending, (await this.GetAsync(store, "tree:b")).RuntimeStatus);
    }
}
