using System.Collections.Concurrent;
using Workflows.Durable.Client;
using Workflows.Durable.Storage;

namespace Workflows.Durable.Tests.Storage;

/// <summary>Creating instances, dedupe, and messages from clients.</summary>
public abstract partial class OrchestrationStoreContractTests
{
    [Fact]
    public async Task CreateInstance_NewId_IsPendingWithItsExecutionStartedMessage()
    {
        IOrchestrationStore store = await this.OpenStoreAsync();
        var instance = new NewOrchestrationInstance
        {
            InstanceId = "create-1",
            Name = "Greeter",
            Version = "2.0",
            Input = "\"hi\"",
            Tags = new Dictionary<string, string> { ["team"] = "governance" },
            ExecutionStarted = this.ExecutionStarted("Greeter", "exec-1", "\"hi\""),
        };

        await store.CreateInstanceAsync(instance, [OrchestrationRuntimeStatus.Pending, OrchestrationRuntimeStatus.Running], this.Ct);

        InstanceRecord record = await this.GetAsync(store, "create-1");
        Assert.Equal(OrchestrationRuntimeStatus.Pending, record.RuntimeStatus);
        Assert.Equal("exec-1", record.ExecutionId);
        Assert.Equal("Greeter", record.Name);
        Assert.Equal("2.0", record.Version);
        Assert.Equal("\"hi\"", record.Input);
        Assert.Null(record.Output);
        Assert.Null(record.CustomStatus);
        Assert.Null(record.FailureDetails);
        Assert.Null(record.ParentInstanceId);
        Assert.Equal(T0, record.CreatedAt);
        Assert.Equal(T0, record.LastUpdatedAt);
        Assert.Null(record.CompletedAt);
        Assert.Equal(instance.Tags, record.Tags);
        Assert.Empty(await store.GetHistoryAsync("create-1", this.Ct));

        OrchestrationWorkItem item = await this.ClaimAsync(store, "create-1");
        Assert.Equal("exec-1", item.ExecutionId);
        Assert.Equal("Greeter", item.Name);
        Assert.Equal(OrchestrationRuntimeStatus.Pending, item.RuntimeStatus);
        Assert.Equal(0, item.HistoryLength);
        AssertEvent(instance.ExecutionStarted, Assert.Single(item.Messages).Event);
    }

    [Fact]
    public async Task GetInstance_And_GetHistory_UnknownInstance_ReturnNothing()
    {
        IOrchestrationStore store = await this.OpenStoreAsync();

        Assert.Null(await store.GetInstanceAsync("nobody", includePayloads: true, this.Ct));
        Assert.Empty(await store.GetHistoryAsync("nobody", this.Ct));
        Assert.Empty(await store.ReadHistoryAsync("nobody", 0, this.Ct));
    }

    [Theory]
    [InlineData(OrchestrationRuntimeStatus.Pending)]
    [InlineData(OrchestrationRuntimeStatus.Running)]
    [InlineData(OrchestrationRuntimeStatus.Suspended)]
    [InlineData(OrchestrationRuntimeStatus.Completed)]
    [InlineData(OrchestrationRuntimeStatus.Failed)]
    [InlineData(OrchestrationRuntimeStatus.Terminated)]
    public async Task CreateInstance_ExistingStatusInDedupeList_ThrowsAndKeepsTheInstance(OrchestrationRuntimeStatus status)
    {
        IOrchestrationStore store = await this.OpenStoreAsync();
        await this.DriveToAsync(store, "dup", status, leftovers: true, input: "\"first\"");
        InstanceRecord before = await this.GetAsync(store, "dup");
        IReadOnlyList<HistoryEvent> historyBefore = await store.GetHistoryAsync("dup", this.Ct);

        await Assert.ThrowsAsync<OrchestrationAlreadyExistsException>(
            () => store.CreateInstanceAsync(this.NewInstance("dup", input: "\"second\""), [status], this.Ct));

        InstanceRecord after = await this.GetAsync(store, "dup");
        Assert.Equal(before.ExecutionId, after.ExecutionId);
        Assert.Equal(status, after.RuntimeStatus);
        Assert.Equal("\"first\"", after.Input);
        AssertEvents(historyBefore, await store.GetHistoryAsync("dup", this.Ct));
    }

    [Theory]
    [InlineData(OrchestrationRuntimeStatus.Pending)]
    [InlineData(OrchestrationRuntimeStatus.Running)]
    [InlineData(OrchestrationRuntimeStatus.Suspended)]
    [InlineData(OrchestrationRuntimeStatus.Completed)]
    [InlineData(OrchestrationRuntimeStatus.Failed)]
    [InlineData(OrchestrationRuntimeStatus.Terminated)]
    public async Task CreateInstance_ExistingStatusNotInDedupeList_ReplacesTheInstanceAndEverythingItLeft(OrchestrationRuntimeStatus status)
    {
        IOrchestrationStore store = await this.OpenStoreAsync();
        ActivityWorkItem? started = await this.DriveToAsync(store, "reused", status, leftovers: true, input: "\"first\"");
        OrchestrationRuntimeStatus[] dedupe = [.. Enum.GetValues<OrchestrationRuntimeStatus>().Where(s => s != status)];
        NewOrchestrationInstance replacement = this.NewInstance("reused", "Replacement", "\"second\"", executionId: "exec-new");

        await store.CreateInstanceAsync(replacement, dedupe, this.Ct);

        InstanceRecord record = await this.GetAsync(store, "reused");
        Assert.Equal(OrchestrationRuntimeStatus.Pending, record.RuntimeStatus);
        Assert.Equal("exec-new", record.ExecutionId);
        Assert.Equal("Replacement", record.Name);
        Assert.Equal("\"second\"", record.Input);
        Assert.Null(record.Output);
        Assert.Null(record.FailureDetails);
        Assert.Null(record.CompletedAt);
        Assert.Empty(await store.GetHistoryAsync("reused", this.Ct));

        // The old instance's queued activity and pending timer went with it, and its running activity's result is not
        // delivered to the new instance.
        Assert.Empty(await store.LockNextActivitiesAsync(10, this.Ct));
        Assert.Null(await store.GetNextWakeTimeAsync(this.Ct));
        if (started is not null)
        {
            await store.CompleteActivitiesAsync([(started, this.TaskCompleted(0, "\"old\""))], this.Ct);
        }

        OrchestrationWorkItem item = await this.ClaimAsync(store, "reused");
        Assert.Equal("exec-new", item.ExecutionId);
        Assert.Equal(0, item.HistoryLength);
        AssertEvent(replacement.ExecutionStarted, Assert.Single(item.Messages).Event);
    }

    [Fact]
    public async Task CreateInstance_ReplacingAClaimedInstance_RejectsTheOldEpisode()
    {
        IOrchestrationStore store = await this.OpenStoreAsync();
        await store.CreateInstanceAsync(this.NewInstance("replaced", executionId: "exec-old"), [], this.Ct);
        OrchestrationWorkItem stale = await this.ClaimAsync(store, "replaced");

        await store.CreateInstanceAsync(this.NewInstance("replaced", executionId: "exec-new"), [], this.Ct);

        await Assert.ThrowsAsync<LockLostException>(
            () => store.CompleteOrchestrationAsync(stale, this.Episode(stale, OrchestrationRuntimeStatus.Completed, output: "\"old\""), this.Ct));
        InstanceRecord record = await this.GetAsync(store, "replaced");
        Assert.Equal(OrchestrationRuntimeStatus.Pending, record.RuntimeStatus);
        Assert.Equal("exec-new", record.ExecutionId);
        Assert.Empty(await store.GetHistoryAsync("replaced", this.Ct));
        OrchestrationWorkItem item = await this.ClaimAsync(store, "replaced");
        Assert.Equal("exec-new", Assert.Single(item.Messages).Event.ExecutionId);
    }

    [Fact]
    public async Task SendMessage_UnknownInstance_ReturnsFalseAndCreatesNothing()
    {
        IOrchestrationStore store = await this.OpenStoreAsync();

        Assert.False(await store.SendMessageAsync("nobody", this.EventRaised("Approval", "true"), null, this.Ct));
        Assert.False(await store.SendMessageAsync("nobody", this.EventRaised("Approval", "true"), T0.AddHours(1), this.Ct));

        Assert.Null(await store.GetInstanceAsync("nobody", includePayloads: false, this.Ct));
        await this.AssertNothingToClaimAsync(store);
        Assert.Null(await store.GetNextWakeTimeAsync(this.Ct));
    }

    [Theory]
    [InlineData(OrchestrationRuntimeStatus.Completed)]
    [InlineData(OrchestrationRuntimeStatus.Failed)]
    [InlineData(OrchestrationRuntimeStatus.Terminated)]
    public async Task SendMessage_FinishedInstance_ReturnsFalseAndQueuesNothing(OrchestrationRuntimeStatus status)
    {
        IOrchestrationStore store = await this.OpenStoreAsync();
        await this.DriveToAsync(store, "done", status);
        IReadOnlyList<HistoryEvent> history = await store.GetHistoryAsync("done", this.Ct);

        Assert.False(await store.SendMessageAsync("done", this.EventRaised("Approval", "true"), null, this.Ct));
        Assert.False(await store.SendMessageAsync("done", this.EventRaised("Later", "true"), T0.AddHours(1), this.Ct));

        await this.AssertNothingToClaimAsync(store);
        Assert.Null(await store.GetNextWakeTimeAsync(this.Ct));
        Assert.Equal(status, (await this.GetAsync(store, "done")).RuntimeStatus);
        AssertEvents(history, await store.GetHistoryAsync("done", this.Ct));
    }

    [Theory]
    [InlineData(OrchestrationRuntimeStatus.Pending)]
    [InlineData(OrchestrationRuntimeStatus.Running)]
    [InlineData(OrchestrationRuntimeStatus.Suspended)]
    public async Task SendMessage_LiveInstance_ReturnsTrueAndQueuesTheMessage(OrchestrationRuntimeStatus status)
    {
        IOrchestrationStore store = await this.OpenStoreAsync();
        await this.DriveToAsync(store, "live", status);
        HistoryEvent message = this.EventRaised("Approval", "{\"approved\":true}");

        Assert.True(await store.SendMessageAsync("live", message, null, this.Ct));

        OrchestrationWorkItem item = await this.ClaimAsync(store, "live");
        AssertEvent(message, item.Messages[^1].Event);
    }

    [Fact]
    public async Task WorkAvailable_IsRaisedWhenWorkIsWrittenInProcess()
    {
        IOrchestrationStore store = await this.OpenStoreAsync();
        int raised = 0;
        store.WorkAvailable += () => Interlocked.Increment(ref raised);

        await store.CreateInstanceAsync(this.NewInstance("signal"), [], this.Ct);
        Assert.True(raised > 0, "WorkAvailable was not raised for a new instance.");

        raised = 0;
        Assert.False(await store.SendMessageAsync("nobody", this.EventRaised("E"), null, this.Ct));
        Assert.Equal(0, raised);

        Assert.True(await store.SendMessageAsync("signal", this.EventRaised("E"), null, this.Ct));
        Assert.True(raised > 0, "WorkAvailable was not raised for a message.");
    }

    [Fact]
    public async Task InstanceChanged_IsRaisedWithTheIdWhenAnInstanceIsCreatedOrCheckpointed()
    {
        IOrchestrationStore store = await this.OpenStoreAsync();
        var changed = new ConcurrentQueue<string>();
        store.InstanceChanged += changed.Enqueue;

        await store.CreateInstanceAsync(this.NewInstance("watched"), [], this.Ct);
        Assert.Contains("watched", changed);

        changed.Clear();
        await this.RunEpisodeAsync(store, "watched", item => this.Episode(item, OrchestrationRuntimeStatus.Completed, output: "\"done\""));
        Assert.Contains("watched", changed);
    }
}
