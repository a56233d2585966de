using Workflows.Durable.Client;

namespace Workflows.Durable.Storage;

/// <summary>The storage contract of the engine; every provider passes the same contract test suite.</summary>
public interface IOrchestrationStore
{
    /// <summary>Raised in-process when new work may be available, so that idle dispatchers wake at once.</summary>
    event Action? WorkAvailable;

    /// <summary>Raised in-process when an instance's stored state changed.</summary>
    event Action<string>? InstanceChanged;

    /// <summary>Creates or upgrades the schema.</summary>
    Task InitializeAsync(CancellationToken cancellationToken);

    /// <summary>Creates an instance in Pending status with its ExecutionStarted message. An existing instance whose
    /// status is in <paramref name="dedupeStatuses"/> makes it throw <see cref="OrchestrationAlreadyExistsException"/>;
    /// any other existing instance with that id is replaced.</summary>
    Task CreateInstanceAsync(NewOrchestrationInstance instance, IReadOnlyCollection<OrchestrationRuntimeStatus> dedupeStatuses, CancellationToken cancellationToken);

    /// <summary>Puts a message in an instance's inbox; returns false, changing nothing, when the instance is unknown or finished.</summary>
    Task<bool> SendMessageAsync(string instanceId, HistoryEvent message, DateTimeOffset? visibleAt, CancellationToken cancellationToken);

    /// <summary>Claims up to <paramref name="maxCount"/> instances with visible inbox messages.</summary>
    Task<IReadOnlyList<OrchestrationWorkItem>> LockNextOrchestrationsAsync(int maxCount, CancellationToken cancellationToken);

    /// <summary>Reads the history of the current execution from a position on.</summary>
    Task<IReadOnlyList<HistoryEvent>> ReadHistoryAsync(string instanceId, int fromSequence, CancellationToken cancellationToken);

    /// <summary>Commits an episode atomically and releases the lock; throws <see cref="LockLostException"/>,
    /// changing nothing, when the lock is no longer held. Returns the activities claimed for the caller
    /// (<see cref="OrchestrationCheckpoint.ClaimActivities"/>).</summary>
    Task<IReadOnlyList<ActivityWorkItem>> CompleteOrchestrationAsync(OrchestrationWorkItem workItem, OrchestrationCheckpoint checkpoint, CancellationToken cancellationToken);

    /// <summary>Releases an instance's lock without changing anything, so that the work is retried.</summary>
    Task AbandonOrchestrationAsync(OrchestrationWorkItem workItem, CancellationToken cancellationToken);

    /// <summary>Claims up to <paramref name="maxCount"/> visible activity tasks.</summary>
    Task<IReadOnlyList<ActivityWorkItem>> LockNextActivitiesAsync(int maxCount, CancellationToken cancellationToken);

    /// <summary>Records activity results (TaskCompleted or TaskFailed events) and removes the tasks. Returns, for each,
    /// whether it was accepted; a result whose lock was lost is rejected and changes nothing.</summary>
    Task<IReadOnlyList<bool>> CompleteActivitiesAsync(IReadOnlyList<(ActivityWorkItem WorkItem, HistoryEvent Result)> results, CancellationToken cancellationToken);

    /// <summary>Extends the locks of running activities; returns the items whose lock is still held.</summary>
    Task<IReadOnlyList<ActivityWorkItem>> RenewActivityLocksAsync(IReadOnlyList<ActivityWorkItem> workItems, CancellationToken cancellationToken);

    /// <summary>Releases an activity's lock, so that it runs again.</summary>
    Task AbandonActivityAsync(ActivityWorkItem workItem, CancellationToken cancellationToken);

    /// <summary>How much work is due and not yet done, for the backlog metric.</summary>
    Task<WorkBacklog> GetBacklogAsync(CancellationToken cancellationToken);

    /// <summary>The earliest time at which a timer or delayed message becomes visible, if any is pending.</summary>
    Task<DateTimeOffset?> GetNextWakeTimeAsync(CancellationToken cancellationToken);

    /// <summary>Reads one instance.</summary>
    Task<InstanceRecord?> GetInstanceAsync(string instanceId, bool includePayloads, CancellationToken cancellationToken);

    /// <summary>Reads a page of instances, in the query's order (newest first by default).</summary>
    Task<InstancePage> QueryInstancesAsync(InstanceQuery query, CancellationToken cancellationToken);

    /// <summary>Counts the instances that match the query's filters (paging and order aside), by runtime status; a status
    /// no instance has is left out.</summary>
    Task<IReadOnlyDictionary<OrchestrationRuntimeStatus, long>> CountInstancesAsync(InstanceQuery query, CancellationToken cancellationToken);

    /// <summary>Reads the full history of an instance's current execution; empty when unknown.</summary>
    Task<IReadOnlyList<HistoryEvent>> GetHistoryAsync(string instanceId, CancellationToken cancellationToken);

    /// <summary>Deletes a finished instance (and, when recursive, its finished sub-orchestrations); returns the count deleted.</summary>
    Task<int> PurgeInstanceAsync(string instanceId, bool recursive, CancellationToken cancellationToken);

    /// <summary>Deletes the finished instances that match a filter; returns the count deleted.</summary>
    Task<int> PurgeInstancesAsync(PurgeFilter filter, CancellationToken cancellationToken);

    /// <summary>Rewinds a failed instance: failed tasks run again from where they failed. Returns false when the instance is not failed.</summary>
    Task<bool> RewindAsync(string instanceId, string? reason, CancellationToken cancellationToken);
}
