using DurableTask.Core;
using DurableTask.Core.History;

namespace Workflows.DurableTask.Tests.Contract;

/// <summary>Builds one orchestration episode the way DurableTask.Core's TaskOrchestrationDispatcher does: an
/// OrchestratorStarted, the work item's new events, the actions' history events with their outbound messages, an
/// OrchestratorCompleted; then completes the work item with the new runtime state and the messages, and releases it
/// unless it belongs to an extended session.</summary>
internal sealed class Episode
{
    private readonly TaskOrchestrationWorkItem workItem;
    private readonly List<TaskMessage> outbound = [];
    private readonly List<TaskMessage> orchestratorMessages = [];
    private readonly List<TaskMessage> timerMessages = [];
    private OrchestrationRuntimeState state;
    private bool continuedAsNew;

    public Episode(TaskOrchestrationWorkItem workItem)
    {
        this.workItem = workItem;
        this.state = workItem.OrchestrationRuntimeState;
        this.state.AddEvent(new OrchestratorStartedEvent(-1));
        foreach (TaskMessage message in workItem.NewMessages)
        {
            this.state.AddEvent(message.Event);
        }
    }

    public OrchestrationInstance Instance => this.state.OrchestrationInstance!;

    public OrchestrationRuntimeState State => this.state;

    public Episode ScheduleActivity(int id, string name, string? input = null)
    {
        var scheduled = new TaskScheduledEvent(id) { Name = name, Version = string.Empty, Input = input };
        this.state.AddEvent(scheduled);
        this.outbound.Add(new TaskMessage { Event = scheduled, OrchestrationInstance = this.Instance });
        return this;
    }

    public Episode CreateTimer(int id, DateTime fireAt)
    {
        this.state.AddEvent(new TimerCreatedEvent(id) { FireAt = fireAt });
        this.timerMessages.Add(new TaskMessage { Event = new TimerFiredEvent(-1) { TimerId = id, FireAt = fireAt }, OrchestrationInstance = this.Instance });
        return this;
    }

    public Episode StartSubOrchestration(int id, string childInstanceId, string name, string? input = null)
    {
        this.state.AddEvent(new SubOrchestrationInstanceCreatedEvent(id) { Name = name, Version = string.Empty, InstanceId = childInstanceId, Input = input });
        var child = new OrchestrationInstance { InstanceId = childInstanceId, ExecutionId = Guid.NewGuid().ToString("N") };
        var started = new ExecutionStartedEvent(-1, input)
        {
            OrchestrationInstance = child,
            Name = name,
            Version = string.Empty,
            ParentInstance = new ParentInstance { OrchestrationInstance = this.Instance, Name = this.state.Name, Version = this.state.Version, TaskScheduleId = id },
        };
        this.orchestratorMessages.Add(new TaskMessage { Event = started, OrchestrationInstance = child });
        return this;
    }

    public Episode SendEvent(int id, string targetInstanceId, string name, string? input = null)
    {
        var target = new OrchestrationInstance { InstanceId = targetInstanceId };
        this.state.AddEvent(new EventSentEvent(id) { InstanceId = targetInstanceId, Name = name, Input = input });
        this.orchestratorMessages.Add(new TaskMessage { Event = new EventRaisedEvent(-1, input) { Name = name }, OrchestrationInstance = target });
        return this;
    }

    public Episode CustomStatus(string? status)
    {
        this.state.Status = status;
        return this;
    }

    /// <summary>Ends the execution; a sub-orchestration reports to its parent as the dispatcher does.</summary>
    public Episode Complete(string? output, OrchestrationStatus status = OrchestrationStatus.Completed)
    {
        int id = this.state.Events.Count;
        this.state.AddEvent(new ExecutionCompletedEvent(id, output, status));
        if (this.state.ParentInstance is ParentInstance parent)
        {
            HistoryEvent report = status == OrchestrationStatus.Completed
                ? new SubOrchestrationInstanceCompletedEvent(-1, parent.TaskScheduleId, output)
                : new SubOrchestrationInstanceFailedEvent(-1, parent.TaskScheduleId, output, null, null);
            this.orchestratorMessages.Add(new TaskMessage { Event = report, OrchestrationInstance = parent.OrchestrationInstance });
        }

        return this;
    }

    public Episode Terminate(string? reason)
    {
        this.state.AddEvent(new ExecutionCompletedEvent(this.state.Events.Count, reason, OrchestrationStatus.Terminated));
        return this;
    }

    /// <summary>Ends the execution and starts the next one with a new execution id, as the dispatcher's ContinueAsNew.</summary>
    public Episode ContinueAsNew(string? input)
    {
        this.state.AddEvent(new ContinueAsNewEvent(this.state.Events.Count, input));
        ExecutionStartedEvent previous = this.state.ExecutionStartedEvent!;
        var next = new OrchestrationRuntimeState();
        next.AddEvent(new OrchestratorStartedEvent(-1));
        next.AddEvent(new ExecutionStartedEvent(-1, input)
        {
            OrchestrationInstance = new OrchestrationInstance { InstanceId = this.Instance.InstanceId, ExecutionId = Guid.NewGuid().ToString("N") },
            Name = previous.Name,
            Version = previous.Version,
            Tags = previous.Tags,
            ParentInstance = previous.ParentInstance,
            Generation = (previous.Generation ?? 0) + 1,
        });
        next.AddEvent(new OrchestratorCompletedEvent(-1));
        this.state = next;
        this.continuedAsNew = true;
        return this;
    }

    public async Task CommitAsync(IOrchestrationService service)
    {
        if (!this.continuedAsNew)
        {
            this.state.AddEvent(new OrchestratorCompletedEvent(-1));
        }

        var orchestrationState = new OrchestrationState
        {
            OrchestrationInstance = this.Instance,
            Name = this.state.Name,
            Version = this.state.Version,
            OrchestrationStatus = this.state.OrchestrationStatus,
            Status = this.state.Status,
            Input = this.state.Input,
            Output = this.state.Output,
            CreatedTime = this.state.CreatedTime,
            CompletedTime = this.state.CompletedTime,
            LastUpdatedTime = DateTime.UtcNow,
            FailureDetails = this.state.FailureDetails,
        };
        await service.CompleteTaskOrchestrationWorkItemAsync(
            this.workItem, this.state, this.outbound, this.orchestratorMessages, this.timerMessages, null!, orchestrationState);
        this.workItem.OrchestrationRuntimeState = this.state;

        // Outside an extended session the dispatcher releases the work item after each episode; Azure Storage keeps the
        // instance's session (and its new messages) until then. A session's owner releases it when the session ends.
        if (this.workItem.Session is null)
        {
            await service.ReleaseTaskOrchestrationWorkItemAsync(this.workItem);
        }
    }
}
