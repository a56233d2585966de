using DurableTask.Core;
using DurableTask.Core.Exceptions;
using DurableTask.Core.History;
using Microsoft.Data.Sqlite;
using Workflows.DurableTask.Sqlite.Storage;

namespace Workflows.DurableTask.Sqlite;

/// <summary>The client side: create instances, send messages, terminate, read state and history, wait.</summary>
public sealed partial class SqliteOrchestrationService
{
    private static readonly TimeSpan MaxWaitPollInterval = TimeSpan.FromSeconds(1);

    /// <inheritdoc/>
    /// <remarks>An id held by a live (pending, running or suspended) instance is refused.</remarks>
    /// <exception cref="OrchestrationAlreadyExistsException">The id is held by a live instance.</exception>
    public Task CreateTaskOrchestrationAsync(TaskMessage creationMessage) => this.CreateTaskOrchestrationAsync(creationMessage, null!);

    /// <inheritdoc/>
    /// <remarks>An existing instance whose status is in <paramref name="dedupeStatuses"/> refuses the id; any other
    /// existing instance is replaced (its history, messages and tasks deleted). Null means the live statuses.</remarks>
    /// <exception cref="OrchestrationAlreadyExistsException">The id is held by an instance in one of the statuses.</exception>
    public async Task CreateTaskOrchestrationAsync(TaskMessage creationMessage, OrchestrationStatus[] dedupeStatuses)
    {
        ArgumentNullException.ThrowIfNull(creationMessage);
        if (creationMessage.Event is not ExecutionStartedEvent)
        {
            throw new ArgumentException("A creation message carries an ExecutionStartedEvent.", nameof(creationMessage));
        }

        if (string.IsNullOrWhiteSpace(creationMessage.OrchestrationInstance?.InstanceId))
        {
            throw new ArgumentException("The creation message has no instance id.", nameof(creationMessage));
        }

        IReadOnlyCollection<OrchestrationStatus> refuse = dedupeStatuses ?? LiveStatusList;
        await this.CreateAsync(creationMessage, (ExecutionStartedEvent)creationMessage.Event, refuse, this.Now).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    /// <remarks>A message to an instance that does not exist is dropped (an ExecutionStarted creates it).</remarks>
    public Task SendTaskOrchestrationMessageAsync(TaskMessage message) => this.SendTaskOrchestrationMessageBatchAsync(message);

    /// <inheritdoc/>
    public async Task SendTaskOrchestrationMessageBatchAsync(params TaskMessage[] messages)
    {
        ArgumentNullException.ThrowIfNull(messages);
        DateTime now = this.Now;
        int written = await this.WriteAsync(
            (c, tx) => messages.Count(m => this.Enqueue(c, tx, m, now, LiveStatusList, throwWhenRefused: false)),
            CancellationToken.None).ConfigureAwait(false);
        if (written > 0)
        {
            this.SignalOrchestrationWork();
            foreach (TaskMessage message in messages)
            {
                this.WakeSession(message.OrchestrationInstance.InstanceId);
            }
        }
    }

    /// <inheritdoc/>
    /// <remarks>A pending instance that no worker holds is terminated at once (its start may lie in the future); a
    /// running or suspended one gets an ExecutionTerminated message; a finished or unknown one is left alone.</remarks>
    public async Task ForceTerminateTaskOrchestrationAsync(string instanceId, string reason)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(instanceId);
        DateTime now = this.Now;
        await this.WriteAsync(
            (c, tx) =>
            {
                int direct = c.Execute(
                    tx,
                    """
                    UPDATE Instances SET RuntimeStatus = 5, Output = $reason, OutputPayloadId = NULL, CompletedTime = $now, LastUpdatedTime = $now
                    WHERE InstanceId = $id AND RuntimeStatus = 6 AND (LockExpiration IS NULL OR LockExpiration < $now)
                    """,
                    ("$reason", reason),
                    ("$now", now.ToTicks()),
                    ("$id", instanceId));
                if (direct > 0)
                {
                    DropAllMessages(c, tx, instanceId);
                    return 0;
                }

                var message = new TaskMessage
                {
                    OrchestrationInstance = new OrchestrationInstance { InstanceId = instanceId },
                    Event = new ExecutionTerminatedEvent(-1, reason),
                };
                return this.Enqueue(c, tx, message, now, LiveStatusList, throwWhenRefused: false) ? 1 : 0;
            },
            CancellationToken.None).ConfigureAwait(false);
        this.WakeInstance(instanceId);
    }

    /// <summary>Rewinds a failed instance: DurableTask.Core's dispatcher replays it with its failed activities and
    /// sub-orchestrations removed from history (in a new execution), so they run again; failed sub-orchestrations are
    /// rewound too.</summary>
    /// <returns>Whether the instance was failed and the rewind request was sent.</returns>
    public async Task<bool> RewindAsync(string instanceId, string? reason, CancellationToken cancellation = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(instanceId);
        DateTime now = this.Now;
        bool sent = await this.WriteAsync(
            (c, tx) =>
            {
                long? status = c.ScalarInt64(tx, "SELECT RuntimeStatus FROM Instances WHERE InstanceId = $id", ("$id", instanceId));
                if (status != (long)OrchestrationStatus.Failed)
                {
                    return false;
                }

                this.InsertMessage(c, tx, instanceId, null, new ExecutionRewoundEvent(-1, reason) { InstanceId = instanceId }, now);
                return true;
            },
            cancellation).ConfigureAwait(false);
        if (sent)
        {
            this.SignalOrchestrationWork();
        }

        return sent;
    }

    /// <inheritdoc/>
    /// <remarks>An instance that is not (or no longer) Failed is refused with <see cref="InvalidOperationException"/>.</remarks>
    public async Task RewindTaskOrchestrationAsync(string instanceId, string reason, CancellationToken cancellation = default)
    {
        if (!await this.RewindAsync(instanceId, reason, cancellation).ConfigureAwait(false))
        {
            throw new InvalidOperationException($"Instance '{instanceId}' is not Failed: only a Failed instance can be rewound.");
        }
    }

    /// <inheritdoc/>
    /// <remarks>Only the latest execution has a state row, so the list has at most one entry.</remarks>
    public async Task<IList<OrchestrationState>> GetOrchestrationStateAsync(string instanceId, bool allExecutions)
    {
        OrchestrationState? state = await this.GetOrchestrationStateAsync(instanceId, executionId: null!).ConfigureAwait(false);
        return state is null ? [] : [state];
    }

    /// <inheritdoc/>
    public async Task<OrchestrationState> GetOrchestrationStateAsync(string instanceId, string executionId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(instanceId);
        InstanceRow? row = await this.ReadAsync(c => ReadInstance(c, instanceId), CancellationToken.None).ConfigureAwait(false);
        return (row is null || (executionId is not null && !string.Equals(row.ExecutionId, executionId, StringComparison.Ordinal)) ? null : row.ToState())!;
    }

    /// <inheritdoc/>
    /// <remarks>A JSON array of the execution's history events (the latest execution when <paramref name="executionId"/>
    /// is null) in DurableTask.Core's own serialization: each object has a <c>$type</c> naming its
    /// <c>DurableTask.Core.History</c> class and an <c>EventType</c>, so <c>JsonDataConverter.Default</c> of
    /// DurableTask.Core reads it back as <c>List&lt;HistoryEvent&gt;</c>. An unknown instance or execution gives <c>[]</c>.</remarks>
    public async Task<string> GetOrchestrationHistoryAsync(string instanceId, string executionId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(instanceId);
        List<HistoryEvent> history = await this.ReadAsync(
            c =>
            {
                string? execution = executionId ?? c.ScalarString(null, "SELECT ExecutionId FROM Instances WHERE InstanceId = $id", ("$id", instanceId));
                return execution is null ? [] : ReadHistory(c, null, instanceId, execution);
            },
            CancellationToken.None).ConfigureAwait(false);
        return EventJson.Serialize(history);
    }

    /// <summary>The history events of an execution (the latest when <paramref name="executionId"/> is null), in order.</summary>
    public Task<IReadOnlyList<HistoryEvent>> GetOrchestrationHistoryEventsAsync(string instanceId, string? executionId, CancellationToken cancellation = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(instanceId);
        return this.ReadAsync<IReadOnlyList<HistoryEvent>>(
            c =>
            {
                string? execution = executionId ?? c.ScalarString(null, "SELECT ExecutionId FROM Instances WHERE InstanceId = $id", ("$id", instanceId));
                return execution is null ? [] : ReadHistory(c, null, instanceId, execution);
            },
            cancellation);
    }

    /// <inheritdoc/>
    /// <remarks>Polls the state row with a growing interval (up to a second) until the instance completes, fails, is
    /// terminated or canceled; returns null when <paramref name="timeout"/> passes first. The wait follows the instance
    /// across ContinueAsNew: only the latest execution has a state, so <paramref name="executionId"/> is not matched.</remarks>
    /// <exception cref="OperationCanceledException">The token was canceled.</exception>
    public async Task<OrchestrationState> WaitForOrchestrationAsync(string instanceId, string executionId, TimeSpan timeout, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(instanceId);
        DateTime deadline = timeout == Timeout.InfiniteTimeSpan || timeout == TimeSpan.MaxValue ? DateTime.MaxValue : this.Now + timeout;
        TimeSpan interval = TimeSpan.FromMilliseconds(10);
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            OrchestrationState? state = await this.GetOrchestrationStateAsync(instanceId, executionId: null!).ConfigureAwait(false);
            if (state is not null && IsTerminal(state.OrchestrationStatus))
            {
                return state;
            }

            TimeSpan remaining = deadline == DateTime.MaxValue ? interval : deadline - this.Now;
            if (remaining <= TimeSpan.Zero)
            {
                return null!;
            }

            await Task.Delay(interval < remaining ? interval : remaining, cancellationToken).ConfigureAwait(false);
            interval = TimeSpan.FromTicks(Math.Min(interval.Ticks * 2, MaxWaitPollInterval.Ticks));
        }
    }

    private static InstanceRow? ReadInstance(SqliteConnection c, string instanceId)
    {
        using SqliteCommand command = c.Command(null, $"SELECT {InstanceRow.ColumnsWithPayloads} FROM Instances i WHERE i.InstanceId = $id", ("$id", instanceId));
        using SqliteDataReader reader = command.ExecuteReader();
        return reader.Read() ? InstanceRow.Read(reader, withPayloads: true) : null;
    }

    private static void DropAllMessages(SqliteConnection c, SqliteTransaction tx, string instanceId) => c.Execute(
        tx,
        """
        DELETE FROM Payloads WHERE PayloadId IN (SELECT PayloadId FROM Messages WHERE InstanceId = $id AND PayloadId IS NOT NULL);
        DELETE FROM Messages WHERE InstanceId = $id;
        """,
        ("$id", instanceId));
}
