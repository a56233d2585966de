using System.Globalization;
using DurableTask.Core;
using DurableTask.Core.History;
using Microsoft.Data.Sqlite;
using Workflows.DurableTask.Sqlite.Locking;
using Workflows.DurableTask.Sqlite.Storage;

namespace Workflows.DurableTask.Sqlite;

/// <summary>Activity work items: each task row has its own lock, so activities of one orchestration run in parallel on
/// any worker; completion deletes the task and enqueues its result in one transaction.</summary>
public sealed partial class SqliteOrchestrationService
{
    private const string ActivityDue = "VisibleTime <= $now AND (LockExpiration IS NULL OR LockExpiration < $now)";

    /// <inheritdoc/>
    public async Task<TaskActivityWorkItem> LockNextTaskActivityWorkItem(TimeSpan receiveTimeout, CancellationToken cancellationToken)
    {
        await this.EnsureInitializedAsync(cancellationToken).ConfigureAwait(false);
        Volatile.Write(ref this.activityDispatcherPolls, true);
        SqliteActivityWorkItem? item = await this.TakeClaimedActivityAsync().ConfigureAwait(false)
            ?? await this.PollAsync(
                this.activityWork,
                this.activityHeat,
                receiveTimeout,
                (c, now) => !this.claimedActivities.IsEmpty || HasDueTask(c, now),
                this.TakeOrClaimActivityAsync,
                "activity",
                cancellationToken).ConfigureAwait(false);
        if (item is not null)
        {
            item.InFlight = true;
            Interlocked.Increment(ref this.activitiesInFlight);
        }

        return item!;
    }

    private static bool HasDueTask(SqliteConnection c, DateTime now) =>
        c.ScalarInt64(null, $"SELECT 1 FROM Tasks WHERE {ActivityDue} LIMIT 1", ("$now", now.ToTicks())) is not null;

    /// <inheritdoc/>
    /// <exception cref="WorkItemLockLostException">The lock expired or was taken over.</exception>
    public async Task<TaskActivityWorkItem> RenewTaskActivityWorkItemLockAsync(TaskActivityWorkItem workItem)
    {
        var item = (SqliteActivityWorkItem)workItem;
        item.LockedUntilUtc = await this.RenewAsync("Tasks", "SequenceNumber", item.SequenceNumber, item.LockToken, this.settings.ActivityLockTimeout, "activity").ConfigureAwait(false);
        return item;
    }

    /// <inheritdoc/>
    /// <remarks>The result is dropped when the execution that scheduled the task is no longer live (terminated,
    /// continued as new, purged).</remarks>
    /// <exception cref="WorkItemLockLostException">The lock expired or was taken over; nothing was written.</exception>
    public async Task CompleteTaskActivityWorkItemAsync(TaskActivityWorkItem workItem, TaskMessage responseMessage)
    {
        ArgumentNullException.ThrowIfNull(responseMessage);
        var item = (SqliteActivityWorkItem)workItem;
        this.EndActivity(item);
        DateTime now = this.Now;
        string json = EventJson.Serialize(responseMessage.Event);
        DeliveredMessage? delivered = await this.WriteAsync(
            (c, tx) =>
            {
                long? payloadId;
                using (SqliteCommand delete = c.Command(
                    tx,
                    "DELETE FROM Tasks WHERE SequenceNumber = $s AND LockToken = $token AND LockExpiration >= $now RETURNING PayloadId",
                    ("$s", item.SequenceNumber),
                    ("$token", item.LockToken),
                    ("$now", now.ToTicks())))
                using (SqliteDataReader reader = delete.ExecuteReader())
                {
                    if (!reader.Read())
                    {
                        throw this.LockLost("completion", "activity", item.Id);
                    }

                    payloadId = reader.GetNullableInt64(0);
                }

                Payloads.Delete(c, tx, payloadId);
                OrchestrationInstance target = item.TaskMessage.OrchestrationInstance;
                bool live = c.ScalarInt64(
                    tx,
                    $"SELECT 1 FROM Instances WHERE InstanceId = $id AND ExecutionId = $x AND RuntimeStatus IN {LiveStatuses}",
                    ("$id", target.InstanceId),
                    ("$x", target.ExecutionId)) is not null;
                if (!live)
                {
                    return null;
                }

                (long sequence, long? messagePayloadId) = this.InsertMessage(c, tx, target.InstanceId, target.ExecutionId, responseMessage.Event, now, json);
                return new DeliveredMessage(
                    sequence,
                    messagePayloadId,
                    new TaskMessage
                    {
                        SequenceNumber = sequence,
                        OrchestrationInstance = new OrchestrationInstance { InstanceId = target.InstanceId, ExecutionId = target.ExecutionId },
                        Event = responseMessage.Event,
                    });
            },
            CancellationToken.None).ConfigureAwait(false);
        if (delivered is not null)
        {
            this.Deliver(delivered);
        }
        else
        {
            Log.ActivityResultDropped(this.logger, item.Id, item.TaskMessage.OrchestrationInstance.InstanceId);
        }
    }

    /// <inheritdoc/>
    /// <remarks>Unlocks the task and delays it (doubling with each abandon, up to
    /// <see cref="SqliteOrchestrationServiceSettings.MaxAbandonDelay"/>). A lost lock is left alone.</remarks>
    public async Task AbandonTaskActivityWorkItemAsync(TaskActivityWorkItem workItem)
    {
        var item = (SqliteActivityWorkItem)workItem;
        this.EndActivity(item);
        DateTime now = this.Now;
        TimeSpan? delay = await this.WriteAsync(
            (c, tx) =>
            {
                long? dequeues = c.ScalarInt64(
                    tx,
                    "SELECT DequeueCount FROM Tasks WHERE SequenceNumber = $s AND LockToken = $token AND LockExpiration >= $now",
                    ("$s", item.SequenceNumber),
                    ("$token", item.LockToken),
                    ("$now", now.ToTicks()));
                if (dequeues is null)
                {
                    return (TimeSpan?)null;
                }

                // DequeueCount counts this claim too, so the first abandon waits the base delay.
                TimeSpan wait = this.AbandonDelayAfter(dequeues.Value - 1);
                c.Execute(
                    tx,
                    "UPDATE Tasks SET LockedBy = NULL, LockToken = NULL, LockExpiration = NULL, VisibleTime = $visible WHERE SequenceNumber = $s",
                    ("$visible", (now + wait).ToTicks()),
                    ("$s", item.SequenceNumber));
                return wait;
            },
            CancellationToken.None).ConfigureAwait(false);
        if (delay is TimeSpan d)
        {
            Log.Abandoned(this.logger, "activity", item.Id, d);
        }
        else
        {
            Log.LockLost(this.logger, "abandon", "activity", item.Id);
        }
    }
}
