using Microsoft.Extensions.Logging;

namespace Workflows.Durable;

/// <summary>What an orchestrator uses to schedule durable work; every member is replay-safe.</summary>
public abstract class TaskOrchestrationContext
{
    /// <summary>The orchestrator's name.</summary>
    public abstract TaskName Name { get; }

    /// <summary>The instance id.</summary>
    public abstract string InstanceId { get; }

    /// <summary>The parent orchestration when this one is a sub-orchestration; null otherwise.</summary>
    public abstract ParentOrchestrationInstance? Parent { get; }

    /// <summary>The orchestration's deterministic current time, taken from its history.</summary>
    public abstract DateTime CurrentUtcDateTime { get; }

    /// <summary>Whether the code is re-running against recorded history.</summary>
    public abstract bool IsReplaying { get; }

    /// <summary>The orchestration's version.</summary>
    public virtual string Version => string.Empty;

    /// <summary>Properties of the context.</summary>
    public virtual IReadOnlyDictionary<string, object?> Properties { get; } = new Dictionary<string, object?>();

    /// <summary>A logger factory whose loggers write nothing while the orchestrator replays.</summary>
    public virtual ILoggerFactory ReplaySafeLoggerFactory => new ReplaySafeLoggerFactory(this, this.LoggerFactory);

    /// <summary>The logger factory of the host.</summary>
    protected abstract ILoggerFactory LoggerFactory { get; }

    /// <summary>The orchestration's input.</summary>
    public abstract T? GetInput<T>();

    /// <summary>Calls an activity.</summary>
    public virtual Task CallActivityAsync(TaskName name, object? input = null, TaskOptions? options = null) =>
        this.CallActivityAsync<object>(name, input, options);

    /// <summary>Calls an activity without input.</summary>
    public virtual Task CallActivityAsync(TaskName name, TaskOptions options) =>
        this.CallActivityAsync(name, null, options);

    /// <summary>Calls an activity without input.</summary>
    public virtual Task<TResult> CallActivityAsync<TResult>(TaskName name, TaskOptions options) =>
        this.CallActivityAsync<TResult>(name, null, options);

    /// <summary>Calls an activity and returns its result.</summary>
    public abstract Task<TResult> CallActivityAsync<TResult>(TaskName name, object? input = null, TaskOptions? options = null);

    /// <summary>Calls a sub-orchestration and returns its result.</summary>
    public abstract Task<TResult> CallSubOrchestratorAsync<TResult>(TaskName orchestratorName, object? input = null, TaskOptions? options = null);

    /// <summary>Calls a sub-orchestration without input.</summary>
    public virtual Task<TResult> CallSubOrchestratorAsync<TResult>(TaskName orchestratorName, TaskOptions options) =>
        this.CallSubOrchestratorAsync<TResult>(orchestratorName, null, options);

    /// <summary>Calls a sub-orchestration without input.</summary>
    public virtual Task CallSubOrchestratorAsync(TaskName orchestratorName, TaskOptions options) =>
        this.CallSubOrchestratorAsync(orchestratorName, null, options);

    /// <summary>Calls a sub-orchestration.</summary>
    public virtual Task CallSubOrchestratorAsync(TaskName orchestratorName, object? input = null, TaskOptions? options = null) =>
        this.CallSubOrchestratorAsync<object>(orchestratorName, input, options);

    /// <summary>Creates a durable timer that fires after a delay.</summary>
    public virtual Task CreateTimer(TimeSpan delay, CancellationToken cancellationToken) =>
        this.CreateTimer(this.CurrentUtcDateTime.Add(delay), cancellationToken);

    /// <summary>Creates a durable timer that fires at a time.</summary>
    public abstract Task CreateTimer(DateTime fireAt, CancellationToken cancellationToken);

    /// <summary>Waits for an external event; buffered events are consumed first.</summary>
    public abstract Task<T> WaitForExternalEvent<T>(string eventName, CancellationToken cancellationToken = default);

    /// <summary>Waits for an external event or a timeout, whichever comes first; a timeout cancels the wait.</summary>
    public Task<T> WaitForExternalEvent<T>(string eventName, TimeSpan timeout) =>
        this.WaitForExternalEvent<T>(eventName, timeout, CancellationToken.None);

    /// <summary>Waits for an external event, a timeout or a cancellation; the timeout is a durable timer.</summary>
    public async Task<T> WaitForExternalEvent<T>(string eventName, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var timerCts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var eventCts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        Task timeoutTask = this.CreateTimer(timeout, timerCts.Token);
        Task<T> eventTask = this.WaitForExternalEvent<T>(eventName, eventCts.Token);
        Task winner = await Task.WhenAny(timeoutTask, eventTask).ConfigureAwait(true);
        // Cancel synchronously: CancelAsync runs the callbacks on the thread pool, off the orchestrator's thread.
        if (winner == eventTask)
        {
            timerCts.Cancel();
        }
        else
        {
            eventCts.Cancel();
        }

        return await eventTask.ConfigureAwait(true);
    }

    /// <summary>Sends an event to another instance; fire and forget.</summary>
    public abstract void SendEvent(string instanceId, string eventName, object payload);

    /// <summary>Sets the custom status shown to clients; null clears it.</summary>
    public abstract void SetCustomStatus(object? customStatus);

    /// <summary>Restarts the orchestration with a new input and a fresh history when the current code returns.</summary>
    public abstract void ContinueAsNew(object? newInput = null, bool preserveUnprocessedEvents = true);

    /// <summary>Restarts the orchestration with a new input and a fresh history when the current code returns.</summary>
    public virtual void ContinueAsNew(ContinueAsNewOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        this.ContinueAsNew(options.NewInput, options.PreserveUnprocessedEvents);
    }

    /// <summary>A new GUID that is the same on every replay.</summary>
    public abstract Guid NewGuid();

    /// <summary>A logger that writes nothing while the orchestrator replays.</summary>
    public virtual ILogger CreateReplaySafeLogger(string categoryName) =>
        new ReplaySafeLogger(this, this.LoggerFactory.CreateLogger(categoryName));

    /// <summary>A logger that writes nothing while the orchestrator replays.</summary>
    public virtual ILogger CreateReplaySafeLogger(Type type)
    {
        ArgumentNullException.ThrowIfNull(type);
        return this.CreateReplaySafeLogger(type.FullName ?? type.Name);
    }

    /// <summary>A logger that writes nothing while the orchestrator replays.</summary>
    public virtual ILogger CreateReplaySafeLogger<T>() => this.CreateReplaySafeLogger(typeof(T));

    /// <summary>Compares the orchestration's version with another, ordinally by version parts when both parse.</summary>
    public virtual int CompareVersionTo(string version)
    {
        if (System.Version.TryParse(this.Version, out Version? mine) && System.Version.TryParse(version, out Version? other))
        {
            return mine.CompareTo(other);
        }

        return string.Compare(this.Version, version, StringComparison.OrdinalIgnoreCase);
    }
}
