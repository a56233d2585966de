using DurableTask.Core;
using DurableTask.Core.Exceptions;
using DurableTask.Core.History;

namespace Workflows.DurableTask.Tests.Contract;

/// <summary>Creating instances: state, dedupe, scheduled starts.</summary>
public abstract partial class OrchestrationServiceContractTests
{
    [Fact]
    public async Task Create_gives_a_pending_instance_whose_work_item_carries_the_start()
    {
        string id = await this.CreateAsync(name: "Greeter", input: "\"world\"");

        OrchestrationState state = await this.Client.GetOrchestrationStateAsync(id, null);
        Assert.Equal(OrchestrationStatus.Pending, state.OrchestrationStatus);
        Assert.Equal("Greeter", state.Name);
        Assert.Equal("\"world\"", state.Input);

        TaskOrchestrationWorkItem item = await this.LockOrchestrationAsync(id);
        ExecutionStartedEvent started = Assert.IsType<ExecutionStartedEvent>(Assert.Single(item.NewMessages).Event);
        Assert.Equal("\"world\"", started.Input);
        Assert.Empty(item.OrchestrationRuntimeState.Events);
    }

    [Fact]
    public virtual async Task Create_refuses_an_id_held_by_a_live_instance()
    {
        string id = await this.CreateAsync();
        await Assert.ThrowsAsync<OrchestrationAlreadyExistsException>(() => this.Client.CreateTaskOrchestrationAsync(Start(id)));
        await Assert.ThrowsAsync<OrchestrationAlreadyExistsException>(
            () => this.Client.CreateTaskOrchestrationAsync(Start(id), [OrchestrationStatus.Pending, OrchestrationStatus.Running]));

        await this.StartWithActivityAsync(id);
        await Assert.ThrowsAsync<OrchestrationAlreadyExistsException>(
            () => this.Client.CreateTaskOrchestrationAsync(Start(id), [OrchestrationStatus.Running]));
        Assert.Equal(OrchestrationStatus.Running, (await this.Client.GetOrchestrationStateAsync(id, null)).OrchestrationStatus);
    }

    [Fact]
    public virtual async Task Create_reuses_the_id_of_a_finished_instance_unless_its_status_is_a_dedupe_status()
    {
        string id = NewId();
        await this.Client.CreateTaskOrchestrationAsync(Start(id, input: "\"first\""));
        await this.RunToCompletionAsync(id);

        await Assert.ThrowsAsync<OrchestrationAlreadyExistsException>(
            () => this.Client.CreateTaskOrchestrationAsync(Start(id), [OrchestrationStatus.Completed]));

        TaskMessage again = Start(id, input: "\"second\"");
        await this.Client.CreateTaskOrchestrationAsync(again, [OrchestrationStatus.Running, OrchestrationStatus.Pending]);
        OrchestrationState state = await this.Client.GetOrchestrationStateAsync(id, null);
        Assert.Equal(OrchestrationStatus.Pending, state.OrchestrationStatus);
        Assert.Equal(again.OrchestrationInstance.ExecutionId, state.OrchestrationInstance.ExecutionId);
        Assert.Equal("\"second\"", state.Input);
    }

    [Fact]
    public virtual async Task Scheduled_start_is_invisible_until_its_time()
    {
        string later = NewId("later");
        await this.Client.CreateTaskOrchestrationAsync(Start(later, scheduledStart: DateTime.UtcNow.AddHours(1)));
        TaskOrchestrationWorkItem? none = await TryLockOrchestrationAsync(this.Service, TimeSpan.FromMilliseconds(300));
        Assert.Null(none);
        Assert.Equal(OrchestrationStatus.Pending, (await this.Client.GetOrchestrationStateAsync(later, null)).OrchestrationStatus);

        DateTime soon = DateTime.UtcNow.AddSeconds(1);
        string due = NewId("soon");
        await this.Client.CreateTaskOrchestrationAsync(Start(due, scheduledStart: soon));
        TaskOrchestrationWorkItem item = await LockOrchestrationAsync(this.Service);
        Assert.Equal(due, item.InstanceId);
        Assert.True(DateTime.UtcNow >= soon, "A scheduled start was delivered before its time.");
    }
}
