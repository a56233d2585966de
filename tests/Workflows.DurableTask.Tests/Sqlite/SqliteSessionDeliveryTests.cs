using DurableTask.Core;
using DurableTask.Core.History;
using Workflows.DurableTask.Sqlite;
using Workflows.DurableTask.Tests.Contract;

namespace Workflows.DurableTask.Tests.Sqlite;

/// <summary>An activity result committed by this process is handed to the extended session waiting on its instance
/// from memory: no claim of the session's messages, and the checkpoint still consumes the stored row.</summary>
public sealed class SqliteSessionDeliveryTests : IDisposable
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    private readonly SqliteTestFile file = new();
    private readonly SqliteStoreProbe probe;
    private readonly SqliteOrchestrationService service;

    public SqliteSessionDeliveryTests()
    {
        this.probe = new SqliteStoreProbe(this.file);
        SqliteOrchestrationServiceSettings settings = SqliteContractTests.Settings(this.file.ConnectionString, ServiceProfile.Sessions);
        settings.ExtendedSessionIdleTimeout = TimeSpan.FromSeconds(20);
        this.service = new SqliteOrchestrationService(settings);
    }

    public void Dispose()
    {
        this.service.Dispose();
        this.file.Dispose();
    }

    [Fact]
    public async Task A_waiting_session_gets_its_activity_result_without_another_write_and_its_checkpoint_deletes_the_row()
    {
        await this.service.CreateIfNotExistsAsync();
        string id = await SqliteLockingTests.CreateAsync(this.service);
        TaskOrchestrationWorkItem item = await this.service.LockNextTaskOrchestrationWorkItemAsync(Wait, CancellationToken.None);
        Assert.NotNull(item.Session);
        await new Episode(item).ScheduleActivity(0, "A").CommitAsync(this.service);
        TaskActivityWorkItem activity = await this.service.LockNextTaskActivityWorkItem(Wait, CancellationToken.None);

        Task<IList<TaskMessage>?> fetch = await this.FetchWhileWaitingAsync(item);
        long before = this.service.Commits;
        TaskMessage result = SqliteLockingTests.Result(activity);
        await this.service.CompleteTaskActivityWorkItemAsync(activity, result);
        IList<TaskMessage>? fresh = await fetch.WaitAsync(Wait);

        // One commit: the activity's completion. The session took the very event it completed with, from memory.
        Assert.Equal(before + 1, this.service.Commits);
        TaskMessage delivered = Assert.Single(fresh!);
        Assert.Same(result.Event, delivered.Event);
        Assert.Equal(this.probe.Scalar("SELECT SequenceNumber FROM Messages WHERE InstanceId = $id", ("$id", id)), delivered.SequenceNumber);

        item.NewMessages = fresh!;
        item.OrchestrationRuntimeState.NewEvents.Clear();
        await new Episode(item).Complete("\"end\"").CommitAsync(this.service);
        await this.service.ReleaseTaskOrchestrationWorkItemAsync(item);
        Assert.Equal(0, this.probe.Scalar("SELECT COUNT(*) FROM Messages WHERE InstanceId = $id", ("$id", id)));
        Assert.Equal(OrchestrationStatus.Completed, (await this.service.GetOrchestrationStateAsync(id, null!)).OrchestrationStatus);
        Assert.Contains((await this.service.GetOrchestrationHistoryEventsAsync(id, null)).OfType<TaskCompletedEvent>(), e => e.Result == "\"r\"");
    }

    [Fact]
    public async Task A_session_whose_lock_ran_low_reads_the_store_and_renews_instead()
    {
        await this.service.CreateIfNotExistsAsync();
        string id = await SqliteLockingTests.CreateAsync(this.service);
        TaskOrchestrationWorkItem item = await this.service.LockNextTaskOrchestrationWorkItemAsync(Wait, CancellationToken.None);
        await new Episode(item).ScheduleActivity(0, "A").CommitAsync(this.service);
        TaskActivityWorkItem activity = await this.service.LockNextTaskActivityWorkItem(Wait, CancellationToken.None);

        // Less than half the lock left: what memory holds cannot stand without the store renewing the lock.
        item.LockedUntilUtc = DateTime.UtcNow.AddSeconds(5);
        Task<IList<TaskMessage>?> fetch = await this.FetchWhileWaitingAsync(item);
        TaskMessage result = SqliteLockingTests.Result(activity);
        await this.service.CompleteTaskActivityWorkItemAsync(activity, result);
        TaskMessage read = Assert.Single((await fetch.WaitAsync(Wait))!);

        Assert.NotSame(result.Event, read.Event);
        Assert.Equal("\"r\"", Assert.IsType<TaskCompletedEvent>(read.Event).Result);
        Assert.True(item.LockedUntilUtc > DateTime.UtcNow.AddSeconds(30));
    }

    [Fact]
    public void A_hand_over_that_comes_after_its_row_was_read_from_the_store_is_not_fed_again()
    {
        var instance = new OrchestrationInstance { InstanceId = "late", ExecutionId = "x1" };
        var item = new Workflows.DurableTask.Sqlite.Locking.SqliteOrchestrationWorkItem
        {
            InstanceId = "late",
            LockToken = "t",
            LockedUntilUtc = DateTime.UtcNow.AddMinutes(1),
            OrchestrationRuntimeState = new OrchestrationRuntimeState([new ExecutionStartedEvent(-1, null) { OrchestrationInstance = instance, Name = "Orch" }]),
            MessageIds = [5],
        };
        var waiter = new Workflows.DurableTask.Sqlite.Locking.SessionWaiter();

        // Row 4 was read with row 5; only row 7 is new.
        waiter.Deliver(Delivered(7, instance));
        waiter.Deliver(Delivered(4, instance));
        TaskMessage fresh = Assert.Single(this.service.TakeDeliveredMessages(item, waiter)!);
        Assert.Equal(7, fresh.SequenceNumber);
        Assert.Equal([7L], item.MessageIds);

        waiter.Deliver(Delivered(6, instance));
        Assert.Null(this.service.TakeDeliveredMessages(item, waiter));

        // A result for another execution leaves everything to the store.
        waiter.Deliver(Delivered(9, new OrchestrationInstance { InstanceId = "late", ExecutionId = "x0" }));
        Assert.Null(this.service.TakeDeliveredMessages(item, waiter));
        Assert.Equal(7, item.LastConsumedSequence);
    }

    private static Workflows.DurableTask.Sqlite.Locking.DeliveredMessage Delivered(long sequence, OrchestrationInstance instance) => new(
        sequence,
        null,
        new TaskMessage { SequenceNumber = sequence, OrchestrationInstance = instance, Event = new TaskCompletedEvent(-1, (int)sequence, "\"r\"") });

    /// <summary>Starts the session's fetch and returns it once the session has looked at the store, found nothing and
    /// is waiting: what the test then commits can only reach it while it waits.</summary>
    private async Task<Task<IList<TaskMessage>?>> FetchWhileWaitingAsync(TaskOrchestrationWorkItem item)
    {
        var waiting = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        void OnNothing(string instanceId)
        {
            if (instanceId == item.InstanceId)
            {
                waiting.TrySetResult();
            }
        }

        this.service.SessionFoundNothing += OnNothing;
        try
        {
            Task<IList<TaskMessage>?> fetch = item.Session!.FetchNewOrchestrationMessagesAsync(item);
            await waiting.Task.WaitAsync(Wait);
            return fetch;
        }
        finally
        {
            this.service.SessionFoundNothing -= OnNothing;
        }
    }
}
