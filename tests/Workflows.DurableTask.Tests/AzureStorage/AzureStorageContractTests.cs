using DurableTask.AzureStorage;
using DurableTask.Core;
using DurableTask.Core.History;
using Workflows.DurableTask.AzureStorage;
using Workflows.DurableTask.Client;
using Workflows.DurableTask.Queries;
using Workflows.DurableTask.Tests.Contract;
using Workflows.DurableTask.Tests.Infrastructure;

namespace Workflows.DurableTask.Tests.AzureStorage;

/// <summary>The provider contract on Azure Storage over the project's Azurite: a task hub of its own per test, one
/// partition; every service of a test is another worker (its own worker id) on that hub. Where Azure Storage behaves
/// otherwise by design, or where the difference is not yet analysed, the test is skipped with the reason.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class AzureStorageContractTests(AzuriteServer azurite) : OrchestrationServiceContractTests
{
    private readonly List<AzureStorageOrchestrationService> services = [];
    private readonly HashSet<AzureStorageOrchestrationService> stopped = [];
    private AzuriteTaskHub? hub;
    private AzureStorageInstanceQueryPort? port;

    internal static AzureStorageOrchestrationServiceSettings Settings(AzuriteTaskHub hub, ServiceProfile profile)
    {
        AzureStorageOrchestrationServiceSettings settings = AzureStorageDefaults.CreateSettings(hub.ConnectionString);
        settings.TaskHubName = hub.TaskHubName;
        settings.PartitionCount = 1;
        settings.WorkerId = $"contract-{Guid.NewGuid():N}";
        settings.ControlQueueVisibilityTimeout = profile.LockTimeout;
        settings.WorkItemQueueVisibilityTimeout = profile.LockTimeout;
        settings.ExtendedSessionsEnabled = profile.ExtendedSessions;
        settings.ExtendedSessionIdleTimeout = TimeSpan.FromSeconds(2);
        settings.MaxQueuePollingInterval = TimeSpan.FromMilliseconds(100);
        settings.LeaseAcquireInterval = TimeSpan.FromMilliseconds(500);
        return settings;
    }

    protected override IInstanceQueryPort? QueryPort => this.port;

    protected override Task CreateStoreAsync()
    {
        this.hub = azurite.NewTaskHub("contract");
        return Task.CompletedTask;
    }

    protected override async Task<IOrchestrationService> CreateServiceAsync(ServiceProfile profile)
    {
        AzureStorageOrchestrationServiceSettings settings = Settings(this.hub!, profile);
        var service = new AzureStorageOrchestrationService(settings);
        this.services.Add(service);
        await service.CreateIfNotExistsAsync();
        await service.StartAsync();
        this.port ??= new AzureStorageInstanceQueryPort(service, settings);
        return service;
    }

    protected override async Task DeleteStoreAsync()
    {
        foreach (AzureStorageOrchestrationService service in this.services)
        {
            if (!this.stopped.Contains(service))
            {
                await service.StopAsync(isForced: true);
            }

            service.Dispose();
        }
    }

    /// <summary>Stops the default service as a worker (it stays usable as a client), so that the services the test
    /// creates next can take the hub's one partition. TablePartitionManager.BalanceLeasesAsync never steals the last
    /// lease of a worker (one partition over n workers is a quota of 0), so a second worker gets a partition only when
    /// its owner releases it at shutdown or its lease expires.</summary>
    private async Task HandOverThePartitionAsync()
    {
        var service = (AzureStorageOrchestrationService)this.Service;
        await service.StopAsync(isForced: false);
        this.stopped.Add(service);
    }

    /// <inheritdoc/>
    [Fact(Skip = "Azure Storage keeps one Instances row per instance: asked for the first execution id after continue-as-new, GetStateAsync returns the current execution's state, not null.")]
    public override Task Continue_as_new_starts_a_new_execution_with_its_own_history() => Task.CompletedTask;

    /// <inheritdoc/>
    [Fact(Skip = "Azure Storage's CreateTaskOrchestrationAsync does not refuse an id in use; the client refuses it (OrchestrationServiceDurableTaskClient checks first).")]
    public override Task Create_refuses_an_id_held_by_a_live_instance() => Task.CompletedTask;

    /// <inheritdoc/>
    [Fact(Skip = "Azure Storage delivers a stale activity completion (at-least-once; DurableTask.Core ignores the second result); the crash tests check the outcome.")]
    public override Task Expired_activity_lock_is_taken_over_and_the_stale_completion_changes_nothing() => Task.CompletedTask;

    /// <inheritdoc/>
    [Fact(Skip = "Azure Storage's orchestration locks do not expire while their worker holds the partition lease; there is no takeover to test.")]
    public override Task Expired_orchestration_lock_is_taken_over_and_the_stale_completion_changes_nothing() => Task.CompletedTask;

    /// <inheritdoc/>
    /// <remarks>The session's service is the second on the hub; it gets the instance once the default service has
    /// handed the partition over.</remarks>
    [Fact]
    public override async Task Extended_session_fetches_only_the_new_messages_of_its_instance()
    {
        await this.HandOverThePartitionAsync();
        await base.Extended_session_fetches_only_the_new_messages_of_its_instance();
    }

    /// <inheritdoc/>
    [Fact(Skip = "Azure Storage writes history JSON without type names; HistoryEventJson reads it by EventType (the query-port and scenario tests read Azure histories).")]
    public override Task History_json_reads_back_into_DurableTask_Core_events_with_their_types() => Task.CompletedTask;

    /// <inheritdoc/>
    [Fact(Skip = "Azure Storage leaves an Instances row behind for a message to an unknown instance.")]
    public override Task Messages_to_an_unknown_instance_create_nothing_and_never_reach_a_later_instance_of_that_id() => Task.CompletedTask;

    /// <inheritdoc/>
    [Fact(Skip = "Azure Storage's purge by filter with no status purges live instances too; the contract asks for finished ones only.")]
    public override Task Purge_by_filter_deletes_only_finished_instances_of_the_given_statuses() => Task.CompletedTask;

    /// <inheritdoc/>
    [Fact(Skip = "DurableTask.AzureStorage 2.11.3 does not purge by time through IOrchestrationServiceClient.PurgeOrchestrationHistoryAsync (NotSupportedException); the SDK's filter purge is the way there.")]
    public override Task Purge_history_by_time_deletes_instances_finished_before_the_threshold() => Task.CompletedTask;

    /// <inheritdoc/>
    /// <remarks>AzureTableTrackingStore.PurgeInstanceHistoryAsync(instanceId) deletes an instance whatever its status, so
    /// on Azure Storage the live instance is left alone by the Durable Task client
    /// (OrchestrationServiceDurableTaskClient.PurgeInstanceAsync purges finished instances only).</remarks>
    [Fact]
    public override async Task Purge_one_deletes_a_finished_instance_and_leaves_a_live_one()
    {
        string done = await this.CreateAsync();
        await this.RunToCompletionAsync(done);
        string live = await this.CreateAsync();
        await using var client = new OrchestrationServiceDurableTaskClient("contract", this.Client);

        PurgeResult purged = await this.PurgeClient.PurgeInstanceStateAsync(done);
        Assert.Equal(1, purged.DeletedInstanceCount);
        Assert.Null(await this.Client.GetOrchestrationStateAsync(done, null));

        Assert.Equal(0, (await client.PurgeInstanceAsync(live)).PurgedInstanceCount);
        Assert.Equal(OrchestrationStatus.Pending, (await this.Client.GetOrchestrationStateAsync(live, null)).OrchestrationStatus);

        // The id is free again and its old history is gone.
        await this.CreateAsync(done);
        TaskOrchestrationWorkItem item = await this.LockOrchestrationAsync(done);
        Assert.Empty(item.OrchestrationRuntimeState.Events);
    }

    /// <inheritdoc/>
    [Fact(Skip = "On Azure Storage an instance belongs to its partition's lease holder, not to any worker; another worker takes it only with the lease.")]
    public override Task Released_session_lets_any_worker_take_the_instance() => Task.CompletedTask;

    /// <inheritdoc/>
    [Fact(Skip = "Azure Storage hides a message for whole seconds, so a scheduled start can become visible up to a second early.")]
    public override Task Scheduled_start_is_invisible_until_its_time() => Task.CompletedTask;

    /// <inheritdoc/>
    /// <remarks>Azure Storage writes a sub-orchestration's Instances row at the child's first checkpoint
    /// (AzureTableTrackingStore.UpdateStateAsync; only the client's CreateTaskOrchestrationAsync writes a Pending row), and
    /// that row has no parent: the child's name and input are read once its first episode has run, its parent from its
    /// ExecutionStarted event.</remarks>
    [Fact]
    public override async Task Sub_orchestration_is_created_by_its_start_message_and_reports_to_its_parent()
    {
        string parent = await this.CreateAsync(name: "Parent");
        string child = NewId("child");
        TaskOrchestrationWorkItem item = await this.LockOrchestrationAsync(parent);
        await new Episode(item).StartSubOrchestration(0, child, "Child", "\"c-in\"").CommitAsync(this.Service);

        TaskOrchestrationWorkItem childItem = await this.LockOrchestrationAsync(child);
        ExecutionStartedEvent started = Assert.IsType<ExecutionStartedEvent>(Assert.Single(childItem.NewMessages).Event);
        Assert.Equal(parent, started.ParentInstance.OrchestrationInstance.InstanceId);
        Assert.Equal(0, started.ParentInstance.TaskScheduleId);
        await new Episode(childItem).Complete("\"c-out\"").CommitAsync(this.Service);

        OrchestrationState childState = await this.Client.GetOrchestrationStateAsync(child, null);
        Assert.Equal("Child", childState.Name);
        Assert.Equal("\"c-in\"", childState.Input);
        ExecutionStartedEvent recorded = Assert.Single((await this.HistoryAsync(child)).OfType<ExecutionStartedEvent>());
        Assert.Equal(parent, recorded.ParentInstance?.OrchestrationInstance.InstanceId);

        TaskOrchestrationWorkItem report = await this.LockOrchestrationAsync(parent);
        SubOrchestrationInstanceCompletedEvent completed = Assert.IsType<SubOrchestrationInstanceCompletedEvent>(Assert.Single(report.NewMessages).Event);
        Assert.Equal(0, completed.TaskScheduledId);
        Assert.Equal("\"c-out\"", completed.Result);
    }

    /// <inheritdoc/>
    [Fact(Skip = "Azure Storage hides a timer's message for whole seconds, so it can become visible up to a second early.")]
    public override Task Timer_is_invisible_until_due_then_delivered_as_timer_fired() => Task.CompletedTask;

    /// <inheritdoc/>
    /// <remarks>The two workers are the second and third services on the hub: once the default service has handed the
    /// partition over, one of them takes it (its orchestrations go to its lease holder) and both take activities.</remarks>
    [Fact]
    public override async Task Two_services_on_one_store_never_complete_the_same_work_item_twice()
    {
        await this.HandOverThePartitionAsync();
        await base.Two_services_on_one_store_never_complete_the_same_work_item_twice();
    }

    /// <inheritdoc/>
    /// <remarks>A work item on Azure Storage carries the messages dequeued so far: ControlQueue.GetMessagesAsync orders
    /// each batch it dequeues (insertion time, then the sender's sequence number), but a message sent after the poll
    /// comes in the next work item. So the order is checked over the work items until the resume arrives.</remarks>
    [Fact]
    public override async Task Suspend_and_resume_messages_are_delivered_in_order()
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
        var delivered = new List<EventType>();
        while (!delivered.Contains(EventType.ExecutionResumed))
        {
            TaskOrchestrationWorkItem batch = await this.LockOrchestrationAsync(id);
            delivered.AddRange(batch.NewMessages.Select(m => m.Event.EventType));
            await new Episode(batch).CommitAsync(this.Service);
        }

        Assert.Equal([EventType.EventRaised, EventType.ExecutionResumed], delivered);
        Assert.Equal(OrchestrationStatus.Running, (await this.Client.GetOrchestrationStateAsync(id, null)).OrchestrationStatus);
    }

    /// <inheritdoc/>
    /// <remarks>Single events keep their order across work items, as suspend and resume do. SendTaskOrchestrationMessageBatchAsync
    /// sends its messages concurrently, so Azure Storage keeps no order between them unless one poll dequeues both: the
    /// batch is checked for both events, in any order.</remarks>
    [Fact]
    public override async Task Events_sent_while_an_instance_is_locked_are_delivered_next_in_the_order_sent()
    {
        string id = await this.CreateAsync();
        TaskOrchestrationWorkItem item = await this.LockOrchestrationAsync(id);
        for (int i = 1; i <= 5; i++)
        {
            await this.Client.SendTaskOrchestrationMessageAsync(EventMessage(id, new EventRaisedEvent(-1, $"{i}") { Name = "Step" }));
        }

        await new Episode(item).CommitAsync(this.Service);
        Assert.Equal(["1", "2", "3", "4", "5"], await this.InputsUntilAsync(id, 5));

        await this.Client.SendTaskOrchestrationMessageBatchAsync(
            EventMessage(id, new EventRaisedEvent(-1, "a") { Name = "Batch" }),
            EventMessage(id, new EventRaisedEvent(-1, "b") { Name = "Batch" }));
        Assert.Equal(["a", "b"], (await this.InputsUntilAsync(id, 2)).Order(StringComparer.Ordinal));
    }

    /// <summary>The inputs of the events delivered to <paramref name="id"/>, over as many work items as it takes to
    /// deliver <paramref name="count"/>.</summary>
    private async Task<List<string>> InputsUntilAsync(string id, int count)
    {
        var inputs = new List<string>();
        while (inputs.Count < count)
        {
            TaskOrchestrationWorkItem batch = await this.LockOrchestrationAsync(id);
            inputs.AddRange(batch.NewMessages.Select(m => ((EventRaisedEvent)m.Event).Input));
            await new Episode(batch).CommitAsync(this.Service);
        }

        return inputs;
    }
}
