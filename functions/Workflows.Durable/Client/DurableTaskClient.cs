using Workflows.Durable.Storage;

namespace Workflows.Durable.Client;

/// <summary>Starts, queries and steers orchestration instances; the one way into the engine for hosts and tests.</summary>
public abstract class DurableTaskClient : IAsyncDisposable
{
    /// <summary>Creates a client.</summary>
    protected DurableTaskClient(string name)
    {
        this.Name = name;
    }

    /// <summary>The client's name.</summary>
    public string Name { get; }

    /// <summary>Schedules a new instance without input.</summary>
    public virtual Task<string> ScheduleNewOrchestrationInstanceAsync(TaskName orchestratorName, CancellationToken cancellation) =>
        this.ScheduleNewOrchestrationInstanceAsync(orchestratorName, null, null, cancellation);

    /// <summary>Schedules a new instance.</summary>
    public virtual Task<string> ScheduleNewOrchestrationInstanceAsync(TaskName orchestratorName, object? input, CancellationToken cancellation) =>
        this.ScheduleNewOrchestrationInstanceAsync(orchestratorName, input, null, cancellation);

    /// <summary>Schedules a new instance without input.</summary>
    public virtual Task<string> ScheduleNewOrchestrationInstanceAsync(TaskName orchestratorName, StartOrchestrationOptions options, CancellationToken cancellation = default) =>
        this.ScheduleNewOrchestrationInstanceAsync(orchestratorName, null, options, cancellation);

    /// <summary>Schedules a new instance; it is Pending until a worker runs it. Returns the instance id.</summary>
    public abstract Task<string> ScheduleNewOrchestrationInstanceAsync(TaskName orchestratorName, object? input = null, StartOrchestrationOptions? options = null, CancellationToken cancellation = default);

    /// <summary>Raises an event without payload.</summary>
    public virtual Task RaiseEventAsync(string instanceId, string eventName, CancellationToken cancellation) =>
        this.RaiseEventAsync(instanceId, eventName, null, cancellation);

    /// <summary>Raises an event; events for unknown or finished instances are dropped.</summary>
    public abstract Task RaiseEventAsync(string instanceId, string eventName, object? eventPayload = null, CancellationToken cancellation = default);

    /// <summary>Waits until the instance is no longer Pending.</summary>
    public virtual Task<OrchestrationMetadata> WaitForInstanceStartAsync(string instanceId, CancellationToken cancellation) =>
        this.WaitForInstanceStartAsync(instanceId, false, cancellation);

    /// <summary>Waits until the instance is no longer Pending.</summary>
    public abstract Task<OrchestrationMetadata> WaitForInstanceStartAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default);

    /// <summary>Waits until the instance is Completed, Failed or Terminated.</summary>
    public virtual Task<OrchestrationMetadata> WaitForInstanceCompletionAsync(string instanceId, CancellationToken cancellation) =>
        this.WaitForInstanceCompletionAsync(instanceId, false, cancellation);

    /// <summary>Waits until the instance is Completed, Failed or Terminated.</summary>
    public abstract Task<OrchestrationMetadata> WaitForInstanceCompletionAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default);

    /// <summary>Terminates an instance.</summary>
    public virtual Task TerminateInstanceAsync(string instanceId, CancellationToken cancellation) =>
        this.TerminateInstanceAsync(instanceId, (TerminateInstanceOptions?)null, cancellation);

    /// <summary>Terminates an instance with an output.</summary>
    public virtual Task TerminateInstanceAsync(string instanceId, object? output, CancellationToken cancellation = default) =>
        this.TerminateInstanceAsync(instanceId, new TerminateInstanceOptions(output), cancellation);

    /// <summary>Terminates an instance; a finished or unknown instance is left as it is.</summary>
    public abstract Task TerminateInstanceAsync(string instanceId, TerminateInstanceOptions? options = null, CancellationToken cancellation = default);

    /// <summary>Suspends an instance.</summary>
    public virtual Task SuspendInstanceAsync(string instanceId, CancellationToken cancellation) =>
        this.SuspendInstanceAsync(instanceId, null, cancellation);

    /// <summary>Suspends an instance: it keeps receiving messages but does not process them until resumed.</summary>
    public abstract Task SuspendInstanceAsync(string instanceId, string? reason = null, CancellationToken cancellation = default);

    /// <summary>Resumes a suspended instance.</summary>
    public virtual Task ResumeInstanceAsync(string instanceId, CancellationToken cancellation) =>
        this.ResumeInstanceAsync(instanceId, null, cancellation);

    /// <summary>Resumes a suspended instance.</summary>
    public abstract Task ResumeInstanceAsync(string instanceId, string? reason = null, CancellationToken cancellation = default);

    /// <summary>Starts a finished instance again with its original input; returns the id of the new instance.</summary>
    public abstract Task<string> RestartAsync(string instanceId, bool restartWithNewInstanceId = false, CancellationToken cancellation = default);

    /// <summary>Rewinds a failed instance, so that its failed tasks run again.</summary>
    public abstract Task RewindInstanceAsync(string instanceId, string reason, CancellationToken cancellation = default);

    /// <summary>Reads an instance.</summary>
    public virtual Task<OrchestrationMetadata?> GetInstanceAsync(string instanceId, CancellationToken cancellation) =>
        this.GetInstanceAsync(instanceId, false, cancellation);

    /// <summary>Reads an instance; null when unknown.</summary>
    public virtual Task<OrchestrationMetadata?> GetInstanceAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default) =>
        this.GetInstancesAsync(instanceId, getInputsAndOutputs, cancellation);

    /// <summary>Reads an instance.</summary>
    [System.ComponentModel.EditorBrowsable(System.ComponentModel.EditorBrowsableState.Never)]
    public virtual Task<OrchestrationMetadata?> GetInstancesAsync(string instanceId, CancellationToken cancellation) =>
        this.GetInstancesAsync(instanceId, false, cancellation);

    /// <summary>Reads an instance; null when unknown.</summary>
    [System.ComponentModel.EditorBrowsable(System.ComponentModel.EditorBrowsableState.Never)]
    public abstract Task<OrchestrationMetadata?> GetInstancesAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default);

    /// <summary>Lists instances, page by page, newest first.</summary>
    public abstract AsyncPageable<OrchestrationMetadata> GetAllInstancesAsync(OrchestrationQuery? filter = null);

    /// <summary>The work due and not yet taken by a worker (an extension of this engine), or null when the client cannot
    /// see its store.</summary>
    public virtual Task<WorkBacklog?> GetBacklogAsync(CancellationToken cancellation = default) => Task.FromResult<WorkBacklog?>(null);

    /// <summary>Counts the instances that match <paramref name="filter"/> by runtime status (an extension of this engine);
    /// a status no instance has is left out. This default reads every matching instance; a store-backed client counts in
    /// the store.</summary>
    public virtual async Task<IReadOnlyDictionary<OrchestrationRuntimeStatus, long>> CountInstancesAsync(OrchestrationQuery? filter = null, CancellationToken cancellation = default)
    {
        var counts = new Dictionary<OrchestrationRuntimeStatus, long>();
        await foreach (OrchestrationMetadata instance in this.GetAllInstancesAsync((filter ?? new OrchestrationQuery()) with { ContinuationToken = null }).WithCancellation(cancellation).ConfigureAwait(false))
        {
            counts[instance.RuntimeStatus] = counts.GetValueOrDefault(instance.RuntimeStatus) + 1;
        }

        return counts;
    }

    /// <summary>Reads the history of an instance's current execution.</summary>
    public abstract Task<IList<HistoryEvent>> GetOrchestrationHistoryAsync(string instanceId, CancellationToken cancellation = default);

    /// <summary>Purges a finished instance.</summary>
    public virtual Task<PurgeResult> PurgeInstanceAsync(string instanceId, CancellationToken cancellation) =>
        this.PurgeInstanceAsync(instanceId, null, cancellation);

    /// <summary>Purges a finished instance; a running or unknown one gives a count of 0.</summary>
    public abstract Task<PurgeResult> PurgeInstanceAsync(string instanceId, PurgeInstanceOptions? options = null, CancellationToken cancellation = default);

    /// <summary>Purges the finished instances that match a filter.</summary>
    public virtual Task<PurgeResult> PurgeAllInstancesAsync(PurgeInstancesFilter filter, CancellationToken cancellation) =>
        this.PurgeAllInstancesAsync(filter, null, cancellation);

    /// <summary>Purges the finished instances that match a filter.</summary>
    public abstract Task<PurgeResult> PurgeAllInstancesAsync(PurgeInstancesFilter filter, PurgeInstanceOptions? options = null, CancellationToken cancellation = default);

    /// <inheritdoc/>
    public abstract ValueTask DisposeAsync();
}
