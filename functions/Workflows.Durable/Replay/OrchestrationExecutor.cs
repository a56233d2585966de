using Microsoft.Extensions.Logging;
using Workflows.Durable.Client;

namespace Workflows.Durable.Replay;

/// <summary>Drives one execution of an orchestrator: replays its history, feeds it new events, and reports what it did.</summary>
/// <remarks>An executor can be kept between episodes, so that the next episode feeds only the new events instead of
/// replaying the whole history; <see cref="HistoryCount"/> tells whether it is still in step with the stored history.</remarks>
internal sealed class OrchestrationExecutor
{
    private readonly ITaskOrchestrator? orchestrator;
    private readonly string? missingOrchestratorMessage;
    private readonly DataConverter converter;
    private readonly ReplayOrchestrationContext context;
    private readonly OrchestrationSynchronizationContext syncContext = new();
    private readonly List<HistoryEvent> heldWhileSuspended = new();
    private readonly Dictionary<int, string> runningChildren = new();
    private Task<object?>? orchestratorTask;
    private Exception? startFailure;
    private HistoryEvent? terminateRequest;
    private bool suspended;

    public OrchestrationExecutor(
        string instanceId,
        TaskName name,
        ITaskOrchestrator? orchestrator,
        string? missingOrchestratorMessage,
        DataConverter converter,
        ILoggerFactory loggerFactory)
    {
        this.orchestrator = orchestrator;
        this.missingOrchestratorMessage = missingOrchestratorMessage;
        this.converter = converter;
        this.context = new ReplayOrchestrationContext(instanceId, name, converter, loggerFactory);
    }

    /// <summary>The number of history events this executor has applied, committed ones only.</summary>
    public int HistoryCount { get; private set; }

    /// <summary>Whether the execution ended, so that the executor must not be used again.</summary>
    public bool IsFinished { get; private set; }

    /// <summary>The parent of a sub-orchestration, once its ExecutionStarted was applied.</summary>
    public ParentInstanceInfo? ParentInfo => this.context.ParentInfo;

    /// <summary>The orchestration's version, once its ExecutionStarted was applied.</summary>
    public string? Version => this.context.OrchestrationVersion;

    /// <summary>Whether the executor may be kept for the next episode.</summary>
    public bool IsReusable => !this.IsFinished && !this.syncContext.ForeignContinuationSeen;

    /// <summary>Runs one episode: <paramref name="past"/> is replayed, then <paramref name="newEvents"/> are processed.</summary>
    public EpisodeResult RunEpisode(IReadOnlyList<HistoryEvent> past, IReadOnlyList<HistoryEvent> newEvents)
    {
        var result = new EpisodeResult();
        SynchronizationContext? previous = this.syncContext.Enter();
        try
        {
            this.context.Replaying = true;
            foreach (HistoryEvent e in past)
            {
                this.Apply(e);
            }

            this.context.Replaying = false;
            this.ThrowIfNonDurableAwaitSeen();
            foreach (HistoryEvent e in newEvents)
            {
                result.NewHistory.Add(e);
                this.Apply(e);
                if (this.terminateRequest is not null)
                {
                    break;
                }
            }

            this.ThrowIfNonDurableAwaitSeen();
            this.Evaluate(result);
        }
        catch (Exception ex) when (ex is NonDeterministicOrchestrationException or NonDurableAwaitException)
        {
            this.Finish(result, OrchestrationRuntimeStatus.Failed, null, TaskFailureDetails.FromException(ex), keepSentEvents: false);
        }
        finally
        {
            this.syncContext.Exit(previous);
        }

        result.CustomStatus = this.context.SerializedCustomStatus;
        this.HistoryCount += past.Count + result.NewHistory.Count;
        return result;
    }

    private void ThrowIfNonDurableAwaitSeen()
    {
        if (this.syncContext.ForeignContinuationSeen)
        {
            throw new NonDurableAwaitException(NonDurableAwaitMessage());
        }
    }

    private static string NonDurableAwaitMessage() =>
        "The orchestrator awaited a task that is not durable (such as Task.Delay, Task.Run, I/O or CancellationTokenSource.CancelAsync), " +
        "so its code continued on another thread. " +
        "Orchestrator code may only await tasks from its TaskOrchestrationContext: use CreateTimer instead of Task.Delay, " +
        "and move I/O into an activity.";

    private void Apply(HistoryEvent e)
    {
        switch (e.EventType)
        {
            case HistoryEventType.OrchestratorStarted:
                this.context.CurrentTime = e.Timestamp;
                break;
            case HistoryEventType.ExecutionStarted:
                this.Start(e);
                break;
            case HistoryEventType.TaskScheduled:
            case HistoryEventType.TimerCreated:
            case HistoryEventType.EventSent:
                this.context.ConfirmAction(e);
                break;
            case HistoryEventType.SubOrchestrationInstanceCreated:
                this.context.ConfirmAction(e);
                this.runningChildren[e.EventId] = e.InstanceId!;
                break;
            case HistoryEventType.TaskCompleted:
            case HistoryEventType.TaskFailed:
            case HistoryEventType.TimerFired:
            case HistoryEventType.SubOrchestrationInstanceCompleted:
            case HistoryEventType.SubOrchestrationInstanceFailed:
            case HistoryEventType.EventRaised:
                if (this.suspended)
                {
                    this.heldWhileSuspended.Add(e);
                }
                else
                {
                    this.Deliver(e);
                }

                break;
            case HistoryEventType.ExecutionSuspended:
                this.suspended = true;
                break;
            case HistoryEventType.ExecutionResumed:
                this.suspended = false;
                foreach (HistoryEvent held in this.heldWhileSuspended)
                {
                    this.Deliver(held);
                }

                this.heldWhileSuspended.Clear();
                break;
            case HistoryEventType.ExecutionTerminated:
                this.terminateRequest = e;
                break;
            case HistoryEventType.ExecutionCompleted:
            case HistoryEventType.ContinueAsNew:
                this.IsFinished = true;
                break;
            default:
                break;
        }

        this.syncContext.Drain();
    }

    private void Deliver(HistoryEvent e)
    {
        if (e.EventType == HistoryEventType.EventRaised)
        {
            this.context.DeliverEvent(e);
            return;
        }

        if (e.EventType is HistoryEventType.SubOrchestrationInstanceCompleted or HistoryEventType.SubOrchestrationInstanceFailed)
        {
            this.runningChildren.Remove(e.TaskScheduledId);
        }

        this.context.CompleteTask(e);
    }

    private void Start(HistoryEvent started)
    {
        if (this.orchestratorTask is not null || this.startFailure is not null)
        {
            return;
        }

        this.context.SetInput(started.Input);
        this.context.ParentInfo = started.ParentInstance;
        this.context.OrchestrationVersion = started.Version;
        if (this.orchestrator is null)
        {
            this.startFailure = new InvalidOperationException(this.missingOrchestratorMessage);
            return;
        }

        object? input;
        try
        {
            input = this.converter.Deserialize(started.Input, this.orchestrator.InputType);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            this.startFailure = new InvalidOperationException(
                $"The input of orchestrator '{this.context.Name}' could not be read as {this.orchestrator.InputType.Name}: {ex.Message}", ex);
            return;
        }

        try
        {
            this.orchestratorTask = this.orchestrator.RunAsync(this.context, input);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            this.orchestratorTask = Task.FromException<object?>(ex);
        }
    }

    private void Evaluate(EpisodeResult result)
    {
        if (this.IsFinished)
        {
            return;
        }

        if (this.terminateRequest is { } terminate)
        {
            if (terminate.Recursive)
            {
                result.ChildrenToTerminate.AddRange(this.runningChildren.Values);
            }

            this.Finish(result, OrchestrationRuntimeStatus.Terminated, terminate.Input, null, keepSentEvents: false);
            return;
        }

        if (this.startFailure is not null)
        {
            this.Finish(result, OrchestrationRuntimeStatus.Failed, null, TaskFailureDetails.FromException(this.startFailure), keepSentEvents: false);
            return;
        }

        if (this.orchestratorTask is null)
        {
            this.TakeActions(result, keepSentEventsOnly: false);
            result.RuntimeStatus = this.suspended ? OrchestrationRuntimeStatus.Suspended : OrchestrationRuntimeStatus.Pending;
            return;
        }

        if (this.orchestratorTask.IsCompleted)
        {
            if (this.orchestratorTask.Exception is { } aggregate)
            {
                Exception failure = aggregate.InnerExceptions.Count == 1 ? aggregate.InnerException! : aggregate;
                this.Finish(result, OrchestrationRuntimeStatus.Failed, null, TaskFailureDetails.FromException(failure), keepSentEvents: true);
                return;
            }

            if (this.orchestratorTask.IsCanceled)
            {
                var canceled = new TaskCanceledException("The orchestrator's task was cancelled.");
                this.Finish(result, OrchestrationRuntimeStatus.Failed, null, TaskFailureDetails.FromException(canceled), keepSentEvents: true);
                return;
            }

            if (this.context.ContinueAsNewRequested is { } continueAsNew)
            {
                this.TakeActions(result, keepSentEventsOnly: true);
                result.ContinueAsNew = continueAsNew;
                if (continueAsNew.PreserveUnprocessedEvents)
                {
                    result.CarriedEvents.AddRange(this.context.UnconsumedEvents);
                    result.CarriedEvents.AddRange(this.heldWhileSuspended.Where(e => e.EventType == HistoryEventType.EventRaised));
                }

                var completion = new HistoryEvent
                {
                    EventType = HistoryEventType.ContinueAsNew,
                    Timestamp = this.context.CurrentTime,
                    Result = continueAsNew.NewInput,
                    Version = continueAsNew.NewVersion,
                };
                result.Completion = completion;
                result.NewHistory.Add(completion);
                result.RuntimeStatus = OrchestrationRuntimeStatus.Running;
                this.IsFinished = true;
                return;
            }

            if (this.context.OpenTaskCount == 0)
            {
                string? output = this.converter.Serialize(this.orchestratorTask.Result);
                this.Finish(result, OrchestrationRuntimeStatus.Completed, output, null, keepSentEvents: true);
                return;
            }
        }
        else if (!this.suspended && !this.context.HasDurableWaits)
        {
            var failure = new NonDurableAwaitException(NonDurableAwaitMessage());
            this.Finish(result, OrchestrationRuntimeStatus.Failed, null, TaskFailureDetails.FromException(failure), keepSentEvents: false);
            return;
        }

        this.TakeActions(result, keepSentEventsOnly: false);
        result.RuntimeStatus = this.suspended ? OrchestrationRuntimeStatus.Suspended : OrchestrationRuntimeStatus.Running;
    }

    private void TakeActions(EpisodeResult result, bool keepSentEventsOnly)
    {
        foreach (HistoryEvent action in this.context.TakeNewActions())
        {
            if (!keepSentEventsOnly || action.EventType == HistoryEventType.EventSent)
            {
                if (action.EventType == HistoryEventType.SubOrchestrationInstanceCreated)
                {
                    this.runningChildren[action.EventId] = action.InstanceId!;
                }

                result.NewActions.Add(action);
                result.NewHistory.Add(action);
            }
        }

        // Waits only matter while the execution goes on.
        List<HistoryEvent> waits = this.context.TakeWaitNotes();
        if (!keepSentEventsOnly)
        {
            result.NewHistory.AddRange(waits);
        }
    }

    private void Finish(EpisodeResult result, OrchestrationRuntimeStatus status, string? output, TaskFailureDetails? failure, bool keepSentEvents)
    {
        if (keepSentEvents)
        {
            this.TakeActions(result, keepSentEventsOnly: true);
        }
        else
        {
            this.context.TakeNewActions();
            this.context.TakeWaitNotes();
        }

        var completion = new HistoryEvent
        {
            EventType = HistoryEventType.ExecutionCompleted,
            Timestamp = this.context.CurrentTime,
            OrchestrationStatus = status,
            Result = output,
            FailureDetails = failure,
        };
        result.Completion = completion;
        result.NewHistory.Add(completion);
        result.RuntimeStatus = status;
        this.IsFinished = true;
    }
}
