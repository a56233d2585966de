using Microsoft.Extensions.Time.Testing;
using Workflows.Durable.Client;
using Workflows.Durable.Storage;

namespace Workflows.Durable.Tests.Storage;

/// <summary>The storage contract. Every provider of <see cref="IOrchestrationStore"/> derives a class from this one and must
/// pass all of it. The tests drive the store directly, as a worker would (claim, then commit a hand-built checkpoint), and
/// see the store only through the interface.</summary>
/// <remarks>Each test gets a fresh, empty database (<see cref="CreateDatabaseAsync"/>). Each call of
/// <see cref="OpenStoreAsync"/> returns a new store instance over that database, with its own worker id: two of them stand
/// for two processes sharing the database. Orchestration time comes from <see cref="Clock"/>; lock leases are measured in
/// real time, so the two tests that wait for a lock to lapse use <see cref="ShortLockTimeout"/> and really wait.</remarks>
public abstract partial class OrchestrationStoreContractTests : IAsyncLifetime
{
    /// <summary>The lock timeout of the tests that wait for a lock to lapse.</summary>
    public static readonly TimeSpan ShortLockTimeout = TimeSpan.FromSeconds(1);

    /// <summary>The fake clock's start.</summary>
    protected static readonly DateTimeOffset T0 = new(2026, 1, 5, 9, 0, 0, TimeSpan.Zero);

    /// <summary>A real wait that outlasts <see cref="ShortLockTimeout"/>.</summary>
    protected static readonly TimeSpan PastShortLock = TimeSpan.FromMilliseconds(1200);

    private readonly List<IOrchestrationStore> stores = [];
    private readonly CancellationTokenSource timeout = new(TimeSpan.FromSeconds(60));
    private int storeCount;

    /// <summary>Orchestration time, shared by every store of the test.</summary>
    protected FakeTimeProvider Clock { get; } = new(T0);

    /// <summary>Cancels a test that hangs.</summary>
    protected CancellationToken Ct => this.timeout.Token;

    /// <summary>The fake clock's time, as history events carry it.</summary>
    protected DateTime Now => this.Clock.GetUtcNow().UtcDateTime;

    /// <inheritdoc/>
    public Task InitializeAsync() => this.CreateDatabaseAsync();

    /// <inheritdoc/>
    public async Task DisposeAsync()
    {
        foreach (IOrchestrationStore store in this.stores)
        {
            if (store is IAsyncDisposable asyncDisposable)
            {
                await asyncDisposable.DisposeAsync();
            }
            else if (store is IDisposable disposable)
            {
                disposable.Dispose();
            }
        }

        await this.DeleteDatabaseAsync();
        this.timeout.Dispose();
    }

    /// <summary>Creates the fresh, empty database of one test (the schema is left to <see cref="IOrchestrationStore.InitializeAsync"/>).</summary>
    protected abstract Task CreateDatabaseAsync();

    /// <summary>Deletes the test's database, after every store opened on it has been disposed.</summary>
    protected abstract Task DeleteDatabaseAsync();

    /// <summary>Creates a new, uninitialized store instance over the test's database, as another process would.</summary>
    protected abstract Task<IOrchestrationStore> CreateStoreAsync(TimeProvider clock, Action<StoreTestOptions>? configure);

    /// <summary>Opens a new store instance over the test's database, with its own worker id, and disposes it after the test.</summary>
    protected async Task<IOrchestrationStore> OpenStoreAsync(Action<StoreTestOptions>? configure = null, bool initialize = true)
    {
        int number = Interlocked.Increment(ref this.storeCount);
        IOrchestrationStore store = await this.CreateStoreAsync(
            this.Clock,
            o =>
            {
                o.WorkerId = $"contract-worker-{number}";
                configure?.Invoke(o);
            });
        this.stores.Add(store);
        if (initialize)
        {
            await store.InitializeAsync(this.Ct);
        }

        return store;
    }

    /// <summary>A JSON string payload of a given length, for payload-size tests.</summary>
    protected static string Big(char fill, int length = 2000) => "\"" + new string(fill, length) + "\"";

    /// <summary>Asserts two event sequences are equal, field by field.</summary>
    protected static void AssertEvents(IEnumerable<HistoryEvent> expected, IEnumerable<HistoryEvent> actual) =>
        Assert.Equal(expected.Select(HistoryJson.Serialize).ToList(), actual.Select(HistoryJson.Serialize).ToList());

    /// <summary>Asserts two events are equal, field by field.</summary>
    protected static void AssertEvent(HistoryEvent expected, HistoryEvent actual) =>
        Assert.Equal(HistoryJson.Serialize(expected), HistoryJson.Serialize(actual));

    protected HistoryEvent ExecutionStarted(string name, string executionId, string? input, ParentInstanceInfo? parent = null) => new()
    {
        EventType = HistoryEventType.ExecutionStarted,
        Name = name,
        Input = input,
        ExecutionId = executionId,
        ParentInstance = parent,
        Timestamp = this.Now,
    };

    protected NewOrchestrationInstance NewInstance(
        string instanceId,
        string name = "Orchestrator",
        string? input = null,
        DateTimeOffset? startAt = null,
        string? executionId = null,
        ParentInstanceInfo? parent = null)
    {
        string execution = executionId ?? Guid.NewGuid().ToString("N");
        return new NewOrchestrationInstance
        {
            InstanceId = instanceId,
            Name = name,
            Input = input,
            StartAt = startAt,
            ExecutionStarted = this.ExecutionStarted(name, execution, input, parent),
        };
    }

    protected HistoryEvent EventRaised(string name, string? input = null) =>
        new() { EventType = HistoryEventType.EventRaised, Name = name, Input = input, Timestamp = this.Now };

    protected HistoryEvent TaskCompleted(int taskId, string? result) =>
        new() { EventType = HistoryEventType.TaskCompleted, TaskScheduledId = taskId, Result = result, Timestamp = this.Now };

    protected HistoryEvent TaskFailed(int taskId, string message) => new()
    {
        EventType = HistoryEventType.TaskFailed,
        TaskScheduledId = taskId,
        FailureDetails = new TaskFailureDetails("System.InvalidOperationException", message, null, null),
        Timestamp = this.Now,
    };

    protected HistoryEvent TimerCreated(int timerId, DateTimeOffset fireAt) =>
        new() { EventType = HistoryEventType.TimerCreated, EventId = timerId, FireAt = fireAt.UtcDateTime, Timestamp = this.Now };

    /// <summary>A timer for the instance of <paramref name="item"/>, as the worker writes it: a TimerFired message visible at its fire time.</summary>
    protected static OutgoingMessage TimerMessage(OrchestrationWorkItem item, int timerId, DateTimeOffset fireAt) => new(
        item.InstanceId,
        new HistoryEvent { EventType = HistoryEventType.TimerFired, TaskScheduledId = timerId, FireAt = fireAt.UtcDateTime, Timestamp = fireAt.UtcDateTime },
        fireAt,
        item.ExecutionId);

    /// <summary>The checkpoint a worker would commit for <paramref name="item"/>: it consumes every claimed message, appends
    /// OrchestratorStarted, the messages, the scheduling events of the activities and sub-orchestrations, the extra
    /// <paramref name="actions"/> and, for a terminal status, ExecutionCompleted.</summary>
    protected OrchestrationCheckpoint Episode(
        OrchestrationWorkItem item,
        OrchestrationRuntimeStatus status = OrchestrationRuntimeStatus.Running,
        IReadOnlyList<HistoryEvent>? actions = null,
        IReadOnlyList<ActivityRequest>? activities = null,
        IReadOnlyList<OutgoingMessage>? messages = null,
        IReadOnlyList<SubOrchestrationRequest>? subOrchestrations = null,
        string? customStatus = null,
        string? output = null,
        TaskFailureDetails? failure = null,
        NewExecution? continueAsNew = null)
    {
        activities ??= [];
        subOrchestrations ??= [];
        var history = new List<HistoryEvent> { new() { EventType = HistoryEventType.OrchestratorStarted, Timestamp = this.Now } };
        history.AddRange(item.Messages.Select(m => m.Event));
        history.AddRange(activities.Select(a => new HistoryEvent
        {
            EventType = HistoryEventType.TaskScheduled,
            EventId = a.TaskId,
            Name = a.Name,
            Version = a.Version,
            Input = a.Input,
            Timestamp = this.Now,
        }));
        history.AddRange(subOrchestrations.Select(s => new HistoryEvent
        {
            EventType = HistoryEventType.SubOrchestrationInstanceCreated,
            EventId = s.ParentTaskId,
            Name = s.Instance.Name,
            Input = s.Instance.Input,
            InstanceId = s.Instance.InstanceId,
            Timestamp = this.Now,
        }));
        history.AddRange(actions ?? []);
        if (IsTerminal(status))
        {
            history.Add(new HistoryEvent
            {
                EventType = HistoryEventType.ExecutionCompleted,
                OrchestrationStatus = status,
                Result = output,
                FailureDetails = failure,
                Timestamp = this.Now,
            });
        }

        return new OrchestrationCheckpoint
        {
            ConsumedMessages = item.Messages.Select(m => m.SequenceNumber).ToList(),
            NewHistory = history,
            RuntimeStatus = status,
            CustomStatus = customStatus,
            Output = output,
            FailureDetails = failure,
            NewActivities = activities,
            NewMessages = messages ?? [],
            NewSubOrchestrations = subOrchestrations,
            ContinueAsNew = continueAsNew,
        };
    }

    /// <summary>Claims the instance, abandoning any other instance the claim returned, and fails unless it was claimed.</summary>
    protected async Task<OrchestrationWorkItem> ClaimAsync(IOrchestrationStore store, string instanceId)
    {
        IReadOnlyList<OrchestrationWorkItem> items = await store.LockNextOrchestrationsAsync(100, this.Ct);
        foreach (OrchestrationWorkItem other in items.Where(i => i.InstanceId != instanceId))
        {
            await store.AbandonOrchestrationAsync(other, this.Ct);
        }

        return Assert.Single(items, i => i.InstanceId == instanceId);
    }

    /// <summary>Claims the instance and commits the checkpoint built from the claim.</summary>
    protected async Task<(OrchestrationWorkItem Item, OrchestrationCheckpoint Checkpoint)> RunEpisodeAsync(
        IOrchestrationStore store,
        string instanceId,
        Func<OrchestrationWorkItem, OrchestrationCheckpoint> checkpoint)
    {
        OrchestrationWorkItem item = await this.ClaimAsync(store, instanceId);
        OrchestrationCheckpoint built = checkpoint(item);
        await store.CompleteOrchestrationAsync(item, built, this.Ct);
        return (item, built);
    }

    /// <summary>Creates an instance and commits its first episode.</summary>
    protected async Task<(OrchestrationWorkItem Item, OrchestrationCheckpoint Checkpoint)> StartAsync(
        IOrchestrationStore store,
        string instanceId,
        Func<OrchestrationWorkItem, OrchestrationCheckpoint>? checkpoint = null,
        string? input = null,
        string name = "Orchestrator")
    {
        await store.CreateInstanceAsync(this.NewInstance(instanceId, name, input), [], this.Ct);
        return await this.RunEpisodeAsync(store, instanceId, checkpoint ?? (item => this.Episode(item)));
    }

    /// <summary>Brings a new instance to a status the way a worker would. With <paramref name="leftovers"/>, the instance
    /// (unless Pending) was stopped mid-flight: its first episode scheduled an activity that a worker claimed and is still
    /// running ("Started", returned), an activity nobody claimed yet ("Queued") and a timer due an hour later.</summary>
    /// <returns>The claimed "Started" activity, or null without leftovers.</returns>
    protected async Task<ActivityWorkItem?> DriveToAsync(IOrchestrationStore store, string instanceId, OrchestrationRuntimeStatus status, bool leftovers = false, string? input = null)
    {
        if (status == OrchestrationRuntimeStatus.Pending)
        {
            await store.CreateInstanceAsync(this.NewInstance(instanceId, input: input), [], this.Ct);
            return null;
        }

        DateTimeOffset fireAt = this.Clock.GetUtcNow().AddHours(1);
        await this.StartAsync(
            store,
            instanceId,
            item => leftovers
                ? this.Episode(
                    item,
                    actions: [this.TimerCreated(2, fireAt)],
                    activities: [new ActivityRequest(0, "Started", null, "\"started\""), new ActivityRequest(1, "Queued", null, "\"queued\"")],
                    messages: [TimerMessage(item, 2, fireAt)])
                : this.Episode(item),
            input);
        ActivityWorkItem? started = null;
        if (leftovers)
        {
            IReadOnlyList<ActivityWorkItem> claimed = await store.LockNextActivitiesAsync(100, this.Ct);
            started = Assert.Single(claimed, a => a.InstanceId == instanceId && a.TaskId == 0);
            foreach (ActivityWorkItem other in claimed.Where(a => a != started))
            {
                await store.AbandonActivityAsync(other, this.Ct);
            }
        }

        if (status == OrchestrationRuntimeStatus.Running)
        {
            return started;
        }

        Assert.True(await store.SendMessageAsync(instanceId, this.EventRaised("Stop"), null, this.Ct));
        await this.RunEpisodeAsync(store, instanceId, item => this.Episode(
            item,
            status,
            output: status is OrchestrationRuntimeStatus.Completed or OrchestrationRuntimeStatus.Terminated ? "\"the end\"" : null,
            failure: status == OrchestrationRuntimeStatus.Failed ? new TaskFailureDetails("System.InvalidOperationException", "It broke.", null, null) : null));
        return started;
    }

    protected static bool IsTerminal(OrchestrationRuntimeStatus status) =>
        status is OrchestrationRuntimeStatus.Completed or OrchestrationRuntimeStatus.Failed or OrchestrationRuntimeStatus.Terminated;

    /// <summary>Asserts that no instance can be claimed now.</summary>
    protected async Task AssertNothingToClaimAsync(IOrchestrationStore store) =>
        Assert.Empty(await store.LockNextOrchestrationsAsync(100, this.Ct));

    protected async Task<InstanceRecord> GetAsync(IOrchestrationStore store, string instanceId, bool includePayloads = true)
    {
        InstanceRecord? record = await store.GetInstanceAsync(instanceId, includePayloads, this.Ct);
        Assert.NotNull(record);
        return record;
    }
}
