using DurableTask.Core;
using DurableTask.Core.History;

namespace Workflows.DurableTask.Tests.Contract;

/// <summary>Orchestration messages: timers, events, sub-orchestrations, unknown targets, suspend and resume, terminate.</summary>
public abstract partial class OrchestrationServiceContractTests
{
    [Fact]
    public virtual async Task Timer_is_invisible_until_due_then_delivered_as_timer_fired()
    {
        string far = await this.CreateAsync();
        TaskOrchestrationWorkItem item = await this.LockOrchestrationAsync(far);
        await new Episode(item).CreateTimer(0, DateTime.UtcNow.AddHours(1)).CommitAsync(this.Service);
        Assert.Null(await TryLockOrchestrationAsync(this.Service, TimeSpan.FromMilliseconds(300)));

        string near = await this.CreateAsync();
        item = await this.LockOrchestrationAsync(near);
        DateTime fireAt = DateTime.UtcNow.AddSeconds(1);
        await new Episode(item).CreateTimer(0, fireAt).CommitAsync(this.Service);

        TaskOrchestrationWorkItem fired = await LockOrchestrationAsync(this.Service);
        Assert.Equal(near, fired.InstanceId);
        Assert.True(DateTime.UtcNow >= fireAt, "The timer was delivered before it was due.");
        TimerFiredEvent timer = Assert.IsType<TimerFiredEvent>(Assert.Single(fired.NewMessages).Event);
        Assert.Equal(0, timer.TimerId);
    }

    [Fact]
    public virtual async Task Events_sent_while_an_instance_is_locked_are_delivered_next_in_the_order_sent()
    {
        string id = await this.CreateAsync();
        TaskOrchestrationWorkItem item = await this.LockOrchestrationAsync(id);
        for (int i = 1; i <= 5; i++)
        {
            await this.Client.SendTaskOrchestrationMessageAsync(EventMessage(id, new EventRaisedEvent(-1, $"{i}") { Name = "Step" }));
        }

        await new Episode(item).CommitAsync(this.Service);
        TaskOrchestrationWorkItem next = await this.LockOrchestrationAsync(id);
        Assert.Equal(["1", "2", "3", "4", "5"], next.NewMessages.Select(m => ((EventRaisedEvent)m.Event).Input));
        await new Episode(next).CommitAsync(this.Service);

        await this.Client.SendTaskOrchestrationMessageBatchAsync(
            EventMessage(id, new EventRaisedEvent(-1, "a") { Name = "Batch" }),
            EventMessage(id, new EventRaisedEvent(-1, "b") { Name = "Batch" }));
        TaskOrchestrationWorkItem batch = await this.LockOrchestrationAsync(id);
        Assert.Equal(["a", "b"], batch.NewMessages.Select(m => ((EventRaisedEvent)m.Event).Input));
    }

    [Fact]
    public virtual async Task Messages_to_an_unknown_instance_create_nothing_and_never_reach_a_later_instance_of_that_id()
    {
        string id = NewId("ghost");
        await this.Client.SendTaskOrchestrationMessageAsync(EventMessage(id, new EventRaisedEvent(-1, "\"lost\"") { Name = "E" }));
        Assert.Null(await this.Client.GetOrchestrationStateAsync(id, null));
        Assert.Empty(await this.Client.GetOrchestrationStateAsync(id, allExecutions: true));

        await this.CreateAsync(id);
        TaskOrchestrationWorkItem item = await this.LockOrchestrationAsync(id);
        Assert.IsType<ExecutionStartedEvent>(Assert.Single(item.NewMessages).Event);
    }

    [Fact]
    public async Task Events_to_a_finished_instance_are_dropped()
    {
        string id = await this.CreateAsync();
        await this.RunToCompletionAsync(id);
        await this.Client.SendTaskOrchestrationMessageAsync(EventMessage(id, new EventRaisedEvent(-1, "late") { Name = "E" }));

        string other = await this.CreateAsync();
        TaskOrchestrationWorkItem item = await LockOrchestrationAsync(this.Service);
        Assert.Equal(other, item.InstanceId);
        Assert.Equal(OrchestrationStatus.Completed, (await this.Client.GetOrchestrationStateAsync(id, null)).OrchestrationStatus);
        Assert.DoesNotContain(await this.HistoryAsync(id), e => e.EventType == EventType.EventRaised);
    }

    [Fact]
    public virtual async Task Sub_orchestration_is_created_by_its_start_message_and_reports_to_its_parent()
    {
        string parent = await this.CreateAsync(name: "Parent");
        string child = NewId("child");
        TaskOrchestrationWorkItem item = await this.LockOrchestrationAsync(parent);
        await new Episode(item).StartSubOrchestration(0, child, "Child", "\"c-in\"").CommitAsync(this.Service);

        OrchestrationState childState = await this.Client.GetOrchestrationStateAsync(child, null);
        Assert.Equal("Child", childState.Name);
        Assert.Equal("\"c-in\"", childState.Input);
        Assert.Equal(parent, childState.ParentInstance?.OrchestrationInstance.InstanceId);

        TaskOrchestrationWorkItem childItem = await this.LockOrchestrationAsync(child);
        ExecutionStartedEvent started = Assert.IsType<ExecutionStartedEvent>(Assert.Single(childItem.NewMessages).Event);
        Assert.Equal(0, started.ParentInstance.TaskScheduleId);
        await new Episode(childItem).Complete("\"c-out\"").CommitAsync(this.Service);

        TaskOrchestrationWorkItem report = await this.LockOrchestrationAsync(parent);
        SubOrchestrationInstanceCompletedEvent completed = Assert.IsType<SubOrchestrationInstanceCompletedEvent>(Assert.Single(report.NewMessages).Event);
        Assert.Equal(0, completed.TaskScheduledId);
        Assert.Equal("\"c-out\"", completed.Result);
    }

    [Fact]
    public async Task Sent_event_reaches_its_target_instance()
    {
        string sender = await this.CreateAsync();
        string target = await this.CreateAsync();
        TaskOrchestrationWorkItem targetItem = await this.LockOrchestrationAsync(target);
        await new Episode(targetItem).CommitAsync(this.Service);

        TaskOrchestrationWorkItem item = await this.LockOrchestrationAsync(sender);
        await new Episode(item).SendEvent(0, target, "Ping", "\"p\"").CommitAsync(this.Service);

        TaskOrchestrationWorkItem received = await this.LockOrchestrationAsync(target);
        EventRaisedEvent raised = Assert.IsType<EventRaisedEvent>(Assert.Single(received.NewMessages).Event);
        Assert.Equal("Ping", raised.Name);
        Assert.Equal("\"p\"", raised.Input);
    }

    [Fact]
    public virtual async Task Continue_as_new_starts_a_new_execution_with_its_own_history()
    {
        string id = await this.CreateAsync(input: "1");
        TaskOrchestrationWorkItem item = await this.LockOrchestrationAsync(id);
        string firstExecution = item.NewMessages[0].OrchestrationInstance.ExecutionId;
        var episode = new Episode(item).ContinueAsNew("2");
        await episode.CommitAsync(this.Service);
        string secondExecution = episode.Instance.ExecutionId;
        Assert.NotEqual(firstExecution, secondExecution);

        OrchestrationState state = await this.Client.GetOrchestrationStateAsync(id, null);
        Assert.Equal(secondExecution, state.OrchestrationInstance.ExecutionId);
        Assert.Equal("2", state.Input);
        Assert.Null(await this.Client.GetOrchestrationStateAsync(id, firstExecution));
        Assert.Equal(secondExecution, (await this.Client.GetOrchestrationStateAsync(id, secondExecution)).OrchestrationInstance.ExecutionId);

        IReadOnlyList<HistoryEvent> history = await this.HistoryAsync(id, secondExecution);
        ExecutionStartedEvent started = Assert.Single(history.OfType<ExecutionStartedEvent>());
        Assert.Equal("2", started.Input);
        Assert.DoesNotContain(history, e => e.EventType == EventType.ContinueAsNew);

        // The new execution runs on: an event sent now reaches it.
        await this.Client.SendTaskOrchestrationMessageAsync(EventMessage(id, new EventRaisedEvent(-1, "x") { Name = "E" }));
        TaskOrchestrationWorkItem next = await this.LockOrchestrationAsync(id);
        Assert.Equal(secondExecution, next.OrchestrationRuntimeState.OrchestrationInstance!.ExecutionId);
        Assert.IsType<EventRaisedEvent>(Assert.Single(next.NewMessages).Event);
    }

    [Fact]
    public async Task Terminate_delivers_a_terminated_event_to_a_running_instance()
    {
        string id = await this.CreateAsync();
        await this.StartWithActivityAsync(id);
        await this.Client.ForceTerminateTaskOrchestrationAsync(id, "enough");

        TaskOrchestrationWorkItem item = await this.LockOrchestrationAsync(id);
        ExecutionTerminatedEvent terminated = Assert.IsType<ExecutionTerminatedEvent>(Assert.Single(item.NewMessages).Event);
        Assert.Equal("enough", terminated.Input);
        await new Episode(item).Terminate("enough").CommitAsync(this.Service);

        OrchestrationState state = await this.Client.GetOrchestrationStateAsync(id, null);
        Assert.Equal(OrchestrationStatus.Terminated, state.OrchestrationStatus);

        // The activity scheduled before the termination reports into nothing.
        TaskActivityWorkItem activity = await LockActivityAsync(this.Service);
        await CompleteActivityAsync(this.Service, activity, "\"late\"");
        Assert.Null(await TryLockOrchestrationAsync(this.Service, TimeSpan.FromMilliseconds(300)));
        Assert.Equal(OrchestrationStatus.Terminated, (await this.Client.GetOrchestrationStateAsync(id, null)).OrchestrationStatus);
    }

    [Fact]
    public async Task Terminate_ends_a_pending_instance()
    {
        string id = NewId();
        await this.Client.CreateTaskOrchestrationAsync(Start(id, scheduledStart: DateTime.UtcNow.AddHours(1)));
        await this.Client.ForceTerminateTaskOrchestrationAsync(id, "never mind");

        await EventuallyAsync(
            async () =>
            {
                TaskOrchestrationWorkItem? item = await TryLockOrchestrationAsync(this.Service, TimeSpan.FromMilliseconds(100));
                if (item is not null)
                {
                    await new Episode(item).Terminate("never mind").CommitAsync(this.Service);
                }

                return (await this.Client.GetOrchestrationStateAsync(id, null)).OrchestrationStatus == OrchestrationStatus.Terminated;
            },
            "the pending instance to be terminated");
    }

    [Fact]
    public virtual async Task Suspend_and_resume_messages_are_delivered_in_order()
    {
        string id = await this.CreateAsync();
        TaskOrchestrationWorkItem item = await this.LockOrchestrationAsync(id);
        await new Episode(item).CommitAsync(this.Service);

        await this.Client.SendTaskOrchestrationMessageAsync(EventMessage(id, new ExecutionSuspendedEvent(-1, "pause")));
        TaskOrchestrationWorkItem suspended = await this.LockOrchestrationAsync(id);
        Assert.Equal("pause", Assert.IsType<ExecutionSuspendedEvent>(Assert.Single(suspended.NewMessages).Event).Reason);
        await new Episode(suspended).CommitAsync(this.Service);
        Assert.Equal(OrchestrationStatus.Suspended, (await this.Client.GetOrchestrationStateAsync(id, null)).OrchestrationStatus);

        await this.Client.SendTaskOrchestrationMessageAsync(EventMessage(id, new EventRaisedEvent(-1, "e") { Name = "WhileSuspended" }));
        await this.Client.SendTaskOrchestrationMessageAsync(EventMessage(id, new ExecutionResumedEvent(-1, "go")));
        TaskOrchestrationWorkItem resumed = await this.LockOrchestrationAsync(id);
        Assert.Equal([EventType.EventRaised, EventType.ExecutionResumed], resumed.NewMessages.Select(m => m.Event.EventType));
        await new Episode(resumed).CommitAsync(this.Service);
        Assert.Equal(OrchestrationStatus.Running, (await this.Client.GetOrchestrationStateAsync(id, null)).OrchestrationStatus);
    }
}
