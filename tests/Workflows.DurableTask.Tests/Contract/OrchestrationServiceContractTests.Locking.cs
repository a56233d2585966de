using DurableTask.Core;
using DurableTask.Core.History;

namespace Workflows.DurableTask.Tests.Contract;

/// <summary>Work-item locks: complete, stale completions, takeover, renew, abandon.</summary>
public abstract partial class OrchestrationServiceContractTests
{
    [Fact]
    public async Task Lock_and_complete_runs_an_activity_and_records_the_history_in_order()
    {
        string id = await this.CreateAsync(input: "\"in\"");
        await this.StartWithActivityAsync(id, "Hello", "\"x\"");
        Assert.Equal(OrchestrationStatus.Running, (await this.Client.GetOrchestrationStateAsync(id, null)).OrchestrationStatus);

        TaskActivityWorkItem activity = await LockActivityAsync(this.Service);
        TaskScheduledEvent scheduled = Assert.IsType<TaskScheduledEvent>(activity.TaskMessage.Event);
        Assert.Equal("Hello", scheduled.Name);
        Assert.Equal("\"x\"", scheduled.Input);
        Assert.Equal(id, activity.TaskMessage.OrchestrationInstance.InstanceId);
        await CompleteActivityAsync(this.Service, activity, "\"hi\"");

        TaskOrchestrationWorkItem second = await this.LockOrchestrationAsync(id);
        TaskCompletedEvent completed = Assert.IsType<TaskCompletedEvent>(Assert.Single(second.NewMessages).Event);
        Assert.Equal(0, completed.TaskScheduledId);
        Assert.Equal("\"hi\"", completed.Result);
        Assert.Equal(
            [EventType.OrchestratorStarted, EventType.ExecutionStarted, EventType.TaskScheduled, EventType.OrchestratorCompleted],
            second.OrchestrationRuntimeState.Events.Select(e => e.EventType));
        await new Episode(second).Complete("\"out\"").CommitAsync(this.Service);

        OrchestrationState state = await this.Client.GetOrchestrationStateAsync(id, null);
        Assert.Equal(OrchestrationStatus.Completed, state.OrchestrationStatus);
        Assert.Equal("\"out\"", state.Output);
        Assert.Equal(
            OneActivityHistory,
            (await this.HistoryAsync(id)).Select(e => e.EventType));
    }

    [Fact]
    public async Task Locked_instance_is_not_handed_to_another_worker()
    {
        string id = await this.CreateAsync();
        TaskOrchestrationWorkItem item = await this.LockOrchestrationAsync(id);
        await this.Client.SendTaskOrchestrationMessageAsync(EventMessage(id, new EventRaisedEvent(-1, "1") { Name = "E" }));

        IOrchestrationService other = await this.CreateServiceAsync(ServiceProfile.Default);
        TaskOrchestrationWorkItem? stolen = await TryLockOrchestrationAsync(other, TimeSpan.FromMilliseconds(300));
        Assert.Null(stolen);
        await new Episode(item).ScheduleActivity(0, "Act").CommitAsync(this.Service);
    }

    [Fact]
    public virtual async Task Expired_orchestration_lock_is_taken_over_and_the_stale_completion_changes_nothing()
    {
        IOrchestrationService first = await this.CreateServiceAsync(ServiceProfile.ShortLocks);
        IOrchestrationService second = await this.CreateServiceAsync(ServiceProfile.ShortLocks);
        string id = await this.CreateAsync();
        TaskOrchestrationWorkItem stale = await LockOrchestrationAsync(first, w => w.InstanceId == id);

        // The first worker pauses past its lock; any worker takes the instance over.
        TaskOrchestrationWorkItem fresh = await LockOrchestrationAsync(second, w => w.InstanceId == id);
        Assert.IsType<ExecutionStartedEvent>(Assert.Single(fresh.NewMessages).Event);

        Exception? rejected = await Record.ExceptionAsync(() => new Episode(stale).ScheduleActivity(0, "FromStale").CommitAsync(first));
        Assert.NotNull(rejected);
        await Assert.ThrowsAnyAsync<Exception>(() => first.RenewTaskOrchestrationWorkItemLockAsync(stale));
        await new Episode(fresh).ScheduleActivity(0, "FromFresh").CommitAsync(second);

        TaskActivityWorkItem activity = await LockActivityAsync(this.Service);
        Assert.Equal("FromFresh", ((TaskScheduledEvent)activity.TaskMessage.Event).Name);
        TaskActivityWorkItem? duplicate = await TryLockActivityAsync(this.Service, TimeSpan.FromMilliseconds(300));
        Assert.Null(duplicate);
        IReadOnlyList<HistoryEvent> history = await this.HistoryAsync(id);
        Assert.Single(history, e => e.EventType == EventType.ExecutionStarted);
        Assert.Equal("FromFresh", Assert.Single(history.OfType<TaskScheduledEvent>()).Name);
    }

    [Fact]
    public virtual async Task Expired_activity_lock_is_taken_over_and_the_stale_completion_changes_nothing()
    {
        IOrchestrationService first = await this.CreateServiceAsync(ServiceProfile.ShortLocks);
        IOrchestrationService second = await this.CreateServiceAsync(ServiceProfile.ShortLocks);
        string id = await this.CreateAsync();
        await this.StartWithActivityAsync(id);

        TaskActivityWorkItem stale = await LockActivityAsync(first);
        TaskActivityWorkItem fresh = await LockActivityAsync(second);
        Assert.Equal(stale.TaskMessage.Event.EventId, fresh.TaskMessage.Event.EventId);
        Assert.Equal(id, fresh.TaskMessage.OrchestrationInstance.InstanceId);

        Exception? rejected = await Record.ExceptionAsync(() => CompleteActivityAsync(first, stale, "\"stale\""));
        Assert.NotNull(rejected);
        await Assert.ThrowsAnyAsync<Exception>(() => first.RenewTaskActivityWorkItemLockAsync(stale));
        await CompleteActivityAsync(second, fresh, "\"fresh\"");

        TaskOrchestrationWorkItem item = await this.LockOrchestrationAsync(id);
        TaskCompletedEvent result = Assert.IsType<TaskCompletedEvent>(Assert.Single(item.NewMessages).Event);
        Assert.Equal("\"fresh\"", result.Result);
    }

    [Fact]
    public async Task Renew_moves_the_lock_expiry_forward()
    {
        // Long locks, so a slow machine cannot let them expire before the renewal; any later renewal moves the expiry.
        string id = await this.CreateAsync();
        TaskOrchestrationWorkItem item = await this.LockOrchestrationAsync(id);
        DateTime before = item.LockedUntilUtc;
        await EventuallyAsync(() => Task.FromResult(DateTime.UtcNow > before - ServiceProfile.Default.LockTimeout + TimeSpan.FromMilliseconds(50)), "time to pass");
        await this.Service.RenewTaskOrchestrationWorkItemLockAsync(item);
        Assert.True(item.LockedUntilUtc > before, "Renewing did not extend the orchestration lock.");
        await new Episode(item).ScheduleActivity(0, "Act").CommitAsync(this.Service);

        TaskActivityWorkItem activity = await LockActivityAsync(this.Service);
        DateTime activityBefore = activity.LockedUntilUtc;
        await EventuallyAsync(() => Task.FromResult(DateTime.UtcNow > activityBefore - ServiceProfile.Default.LockTimeout + TimeSpan.FromMilliseconds(50)), "time to pass");
        TaskActivityWorkItem renewed = await this.Service.RenewTaskActivityWorkItemLockAsync(activity);
        Assert.True(renewed.LockedUntilUtc > activityBefore, "Renewing did not extend the activity lock.");
        await CompleteActivityAsync(this.Service, renewed, "\"ok\"");
    }

    [Fact]
    public async Task Abandoned_work_items_come_back_with_the_same_messages()
    {
        string id = await this.CreateAsync();
        TaskOrchestrationWorkItem item = await this.LockOrchestrationAsync(id);
        await this.Service.AbandonTaskOrchestrationWorkItemAsync(item);
        await this.Service.ReleaseTaskOrchestrationWorkItemAsync(item);

        TaskOrchestrationWorkItem again = await this.LockOrchestrationAsync(id);
        Assert.IsType<ExecutionStartedEvent>(Assert.Single(again.NewMessages).Event);
        await new Episode(again).ScheduleActivity(0, "Act", "\"a\"").CommitAsync(this.Service);

        TaskActivityWorkItem activity = await LockActivityAsync(this.Service);
        await this.Service.AbandonTaskActivityWorkItemAsync(activity);
        TaskActivityWorkItem activityAgain = await LockActivityAsync(this.Service);
        Assert.Equal(activity.TaskMessage.Event.EventId, activityAgain.TaskMessage.Event.EventId);
        Assert.Equal("\"a\"", ((TaskScheduledEvent)activityAgain.TaskMessage.Event).Input);
    }
}
