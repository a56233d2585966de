using System.Globalization;
using DurableTask.Core;
using DurableTask.Core.History;
using Microsoft.Data.Sqlite;
using Workflows.DurableTask.Sqlite.Locking;

namespace Workflows.DurableTask.Sqlite;

/// <summary>Work written already locked for this process: a checkpoint's new tasks, a client's new instances. When this
/// process's dispatcher has a free slot for it, the write itself takes the lock and the work item goes straight to the
/// dispatcher's queue, so no claim transaction (nor a read of what was just written) follows. A wake-up of a dispatcher
/// then claims at once only when something claimable was written; otherwise a read checks first.</summary>
public sealed partial class SqliteOrchestrationService
{
    private int activitySlotsPromised;
    private int orchestrationSlotsPromised;
    private int claimableTasksWritten;
    private int claimableInstancesWritten;
    private bool activityDispatcherPolls;
    private bool orchestrationDispatcherPolls;

    /// <summary>Wakes the orchestration dispatcher's pollers for claimable work this process wrote.</summary>
    private void SignalOrchestrationWork()
    {
        Volatile.Write(ref this.claimableInstancesWritten, 1);
        this.orchestrationWork.Set();
    }

    /// <summary>Wakes the activity dispatcher's pollers for claimable tasks this process wrote.</summary>
    private void SignalActivityWork()
    {
        Volatile.Write(ref this.claimableTasksWritten, 1);
        this.activityWork.Set();
    }

    /// <summary>Takes up to <paramref name="count"/> of the slots neither busy, nor queued, nor promised already; none
    /// while no dispatcher of the kind polls this service (a client-only process) or once the service is stopping.</summary>
    private int Reserve(ref int promised, bool dispatcherPolls, int slots, int inFlight, int queued, int count)
    {
        if (count == 0 || !dispatcherPolls || this.stopping.IsCancellationRequested)
        {
            return 0;
        }

        while (true)
        {
            int already = Volatile.Read(ref promised);
            int take = Math.Min(count, slots - inFlight - queued - already);
            if (take <= 0)
            {
                return 0;
            }

            if (Interlocked.CompareExchange(ref promised, already + take, already) == already)
            {
                return take;
            }
        }
    }

    /// <summary>Reserves activity slots for tasks a checkpoint is about to schedule.</summary>
    private int ReserveActivitySlots(int count) => this.Reserve(
        ref this.activitySlotsPromised,
        Volatile.Read(ref this.activityDispatcherPolls),
        this.MaxConcurrentTaskActivityWorkItems,
        Volatile.Read(ref this.activitiesInFlight),
        this.claimedActivities.Count,
        count);

    /// <summary>Reserves an orchestration slot for an instance a client of this process is about to create.</summary>
    private bool ReserveOrchestrationSlot() => this.Reserve(
        ref this.orchestrationSlotsPromised,
        Volatile.Read(ref this.orchestrationDispatcherPolls),
        this.MaxConcurrentTaskOrchestrationWorkItems,
        Volatile.Read(ref this.orchestrationsInFlight),
        this.claimedOrchestrations.Count,
        1) == 1;

    /// <summary>Queues the tasks a checkpoint wrote locked for this process, as if a claim had taken them.</summary>
    private void HandOutPrelocked(IList<TaskMessage> outbound, PrelockedTasks locks)
    {
        for (int i = 0; i < locks.Count; i++)
        {
            TaskMessage message = outbound[i];
            long sequence = locks.SequenceNumbers[i];
            this.claimedActivities.Enqueue(new SqliteActivityWorkItem
            {
                Id = sequence.ToString(CultureInfo.InvariantCulture),
                SequenceNumber = sequence,
                LockToken = locks.Token,
                LockedUntilUtc = locks.Until,
                TaskMessage = new TaskMessage
                {
                    SequenceNumber = sequence,
                    OrchestrationInstance = new OrchestrationInstance { InstanceId = message.OrchestrationInstance.InstanceId, ExecutionId = message.OrchestrationInstance.ExecutionId },
                    Event = message.Event,
                },
            });
        }
    }

    /// <summary>Creates an instance, locked for this process's orchestration dispatcher when it has a free slot and the
    /// start is due; its first work item (the start message, an empty history) is then queued here.</summary>
    private async Task CreateAsync(TaskMessage creationMessage, ExecutionStartedEvent started, IReadOnlyCollection<OrchestrationStatus> refuse, DateTime now)
    {
        bool due = started.ScheduledStartTime is not DateTime start || start <= now;
        PrelockedInstance? prelock = due && this.ReserveOrchestrationSlot()
            ? new PrelockedInstance(NewToken(), now + this.settings.OrchestrationLockTimeout)
            : null;
        try
        {
            await this.WriteAsync((c, tx) => this.Enqueue(c, tx, creationMessage, now, refuse, throwWhenRefused: true, prelock: prelock), CancellationToken.None).ConfigureAwait(false);
            if (prelock is null)
            {
                this.SignalOrchestrationWork();
                return;
            }

            string instanceId = creationMessage.OrchestrationInstance.InstanceId;
            this.claimedOrchestrations.Enqueue(Task.FromResult<SqliteOrchestrationWorkItem?>(new SqliteOrchestrationWorkItem
            {
                InstanceId = instanceId,
                LockToken = prelock.Token,
                LockedUntilUtc = prelock.Until,
                NewMessages =
                [
                    new TaskMessage
                    {
                        SequenceNumber = prelock.SequenceNumber,
                        OrchestrationInstance = new OrchestrationInstance { InstanceId = instanceId, ExecutionId = creationMessage.OrchestrationInstance.ExecutionId },
                        Event = started,
                    },
                ],
                MessageIds = [prelock.SequenceNumber],
                MessagePayloadIds = prelock.PayloadId is long payload ? [payload] : [],
                OrchestrationRuntimeState = new OrchestrationRuntimeState(new List<HistoryEvent>()),
            }));
            this.orchestrationWork.Set();
        }
        finally
        {
            if (prelock is not null)
            {
                Interlocked.Decrement(ref this.orchestrationSlotsPromised);
            }
        }
    }

    /// <summary>A task written locked for this process, else a claim.</summary>
    private Task<SqliteActivityWorkItem?> TakeOrClaimActivityAsync() => this.TakeOrClaimAsync(
        this.TakeClaimedActivityAsync,
        () => Interlocked.Exchange(ref this.claimableTasksWritten, 0) == 1,
        HasDueTask,
        this.TryLockActivitiesAsync);

    /// <summary>An instance written locked for this process, else a claim.</summary>
    private Task<SqliteOrchestrationWorkItem?> TakeOrClaimOrchestrationAsync() => this.TakeOrClaimAsync(
        this.TakeClaimedOrchestrationAsync,
        () => Interlocked.Exchange(ref this.claimableInstancesWritten, 0) == 1,
        HasOrchestrationWork,
        this.TryLockOrchestrationsAsync);

    /// <summary>The next queued work item; else a claim, at once after a claimable write of this process, otherwise only
    /// when a read finds claimable work (the wake-up may have been for an item already queued and handed out).</summary>
    private async Task<T?> TakeOrClaimAsync<T>(Func<Task<T?>> queued, Func<bool> claimableWritten, Func<SqliteConnection, DateTime, bool> hasWork, Func<Task<T?>> claim)
        where T : class
    {
        if (await queued().ConfigureAwait(false) is T item)
        {
            return item;
        }

        bool claimable = claimableWritten() || await this.ReadAsync(c => hasWork(c, this.Now), CancellationToken.None).ConfigureAwait(false);
        return claimable ? await claim().ConfigureAwait(false) : null;
    }
}
