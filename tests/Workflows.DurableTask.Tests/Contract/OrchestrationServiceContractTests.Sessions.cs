using DurableTask.Core;
using DurableTask.Core.History;

namespace Workflows.DurableTask.Tests.Contract;

/// <summary>Extended sessions: a cached orchestration keeps its lock and is fed only its new messages.</summary>
public abstract partial class OrchestrationServiceContractTests
{
    [Fact]
    public virtual async Task Extended_session_fetches_only_the_new_messages_of_its_instance()
    {
        IOrchestrationService sessions = await this.CreateServiceAsync(ServiceProfile.Sessions);
        string id = await this.CreateAsync();
        string bystander = await this.CreateAsync();
        TaskOrchestrationWorkItem item = await LockOrchestrationAsync(sessions, w => w.InstanceId == id);
        Assert.NotNull(item.Session);
        await new Episode(item).ScheduleActivity(0, "Act").CommitAsync(sessions);

        TaskActivityWorkItem activity = await LockActivityAsync(sessions);
        await CompleteActivityAsync(sessions, activity, "\"r\"");
        await this.Client.SendTaskOrchestrationMessageAsync(EventMessage(bystander, new EventRaisedEvent(-1, "other") { Name = "E" }));

        IList<TaskMessage>? fresh = await FetchUntilAnyAsync(item);
        TaskCompletedEvent completed = Assert.IsType<TaskCompletedEvent>(Assert.Single(fresh).Event);
        Assert.Equal("\"r\"", completed.Result);
        item.NewMessages = fresh;
        item.OrchestrationRuntimeState.NewEvents.Clear();

        // While the session holds the instance no other worker gets it.
        IOrchestrationService other = await this.CreateServiceAsync(ServiceProfile.Default);
        TaskOrchestrationWorkItem? elsewhere = await TryLockOrchestrationAsync(other, TimeSpan.FromMilliseconds(300));
        Assert.NotEqual(id, elsewhere?.InstanceId);

        var episode = new Episode(item);
        await episode.Complete("\"end\"").CommitAsync(sessions);
        await item.Session.EndSessionAsync();
        await sessions.ReleaseTaskOrchestrationWorkItemAsync(item);
        OrchestrationState state = await this.Client.GetOrchestrationStateAsync(id, null);
        Assert.Equal(OrchestrationStatus.Completed, state.OrchestrationStatus);
        Assert.Equal(
            OneActivityHistory,
            (await this.HistoryAsync(id)).Select(e => e.EventType));
    }

    [Fact]
    public virtual async Task Released_session_lets_any_worker_take_the_instance()
    {
        IOrchestrationService sessions = await this.CreateServiceAsync(ServiceProfile.Sessions);
        string id = await this.CreateAsync();
        TaskOrchestrationWorkItem item = await LockOrchestrationAsync(sessions, w => w.InstanceId == id);
        await new Episode(item).CommitAsync(sessions);
        await sessions.ReleaseTaskOrchestrationWorkItemAsync(item);

        await this.Client.SendTaskOrchestrationMessageAsync(EventMessage(id, new EventRaisedEvent(-1, "e") { Name = "E" }));
        IOrchestrationService other = await this.CreateServiceAsync(ServiceProfile.Default);
        TaskOrchestrationWorkItem taken = await LockOrchestrationAsync(other, w => w.InstanceId == id);
        Assert.IsType<EventRaisedEvent>(Assert.Single(taken.NewMessages).Event);
        Assert.Equal(
            [EventType.OrchestratorStarted, EventType.ExecutionStarted, EventType.OrchestratorCompleted],
            taken.OrchestrationRuntimeState.Events.Select(e => e.EventType));
    }

    private static async Task<IList<TaskMessage>> FetchUntilAnyAsync(TaskOrchestrationWorkItem item)
    {
        DateTime deadline = DateTime.UtcNow + Patience;
        while (DateTime.UtcNow < deadline)
        {
            IList<TaskMessage>? messages = await item.Session.FetchNewOrchestrationMessagesAsync(item);
            if (messages is { Count: > 0 })
            {
                return messages;
            }
        }

        throw new TimeoutException("The session received no new messages.");
    }
}
