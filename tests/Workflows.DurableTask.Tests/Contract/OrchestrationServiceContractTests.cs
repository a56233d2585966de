using DurableTask.Core;
using DurableTask.Core.History;
using DurableTask.Core.Query;
using Workflows.DurableTask.Queries;

namespace Workflows.DurableTask.Tests.Contract;

/// <summary>The provider contract: what DurableTask.Core's dispatchers and clients rely on from an orchestration
/// service, driven through its interfaces as the dispatchers drive it. A provider runs it by deriving a class that
/// creates services over one fresh store per test; services made in one test share that store, like processes
/// sharing a database or task hub.</summary>
public abstract partial class OrchestrationServiceContractTests : IAsyncLifetime
{
    /// <summary>The longest any wait in these tests may take; waits end as soon as what they wait for happens.</summary>
    protected static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    /// <summary>The history of an execution that ran one activity and completed, in two episodes.</summary>
    protected static readonly EventType[] OneActivityHistory =
    [
        EventType.OrchestratorStarted, EventType.ExecutionStarted, EventType.TaskScheduled, EventType.OrchestratorCompleted,
        EventType.OrchestratorStarted, EventType.TaskCompleted, EventType.ExecutionCompleted, EventType.OrchestratorCompleted,
    ];

    private static readonly TimeSpan ReceiveTimeout = TimeSpan.FromMilliseconds(500);

    private IOrchestrationService? service;

    /// <summary>The default service of the test (created on first use with <see cref="ServiceProfile.Default"/>).</summary>
    protected IOrchestrationService Service => this.service ?? throw new InvalidOperationException("InitializeAsync has not run.");

    protected IOrchestrationServiceClient Client => (IOrchestrationServiceClient)this.Service;

    /// <summary>Creates a service over this test's store (a further call is another process on the same store).</summary>
    protected abstract Task<IOrchestrationService> CreateServiceAsync(ServiceProfile profile);

    /// <summary>Prepares the test's own store.</summary>
    protected abstract Task CreateStoreAsync();

    /// <summary>Stops the services and removes the test's store.</summary>
    protected abstract Task DeleteStoreAsync();

    public async Task InitializeAsync()
    {
        await this.CreateStoreAsync();
        this.service = await this.CreateServiceAsync(ServiceProfile.Default);
    }

    public Task DisposeAsync() => this.DeleteStoreAsync();

    protected static string NewId(string prefix = "i") => $"{prefix}-{Guid.NewGuid():N}";

    /// <summary>A start message as TaskHubClient builds it.</summary>
    protected static TaskMessage Start(string instanceId, string name = "Orch", string? input = null, DateTime? scheduledStart = null)
    {
        var instance = new OrchestrationInstance { InstanceId = instanceId, ExecutionId = Guid.NewGuid().ToString("N") };
        return new TaskMessage
        {
            OrchestrationInstance = instance,
            Event = new ExecutionStartedEvent(-1, input) { OrchestrationInstance = instance, Name = name, Version = string.Empty, ScheduledStartTime = scheduledStart },
        };
    }

    protected static TaskMessage EventMessage(string instanceId, HistoryEvent e) =>
        new() { OrchestrationInstance = new OrchestrationInstance { InstanceId = instanceId }, Event = e };

    protected async Task<string> CreateAsync(string? instanceId = null, string name = "Orch", string? input = null)
    {
        instanceId ??= NewId();
        await this.Client.CreateTaskOrchestrationAsync(Start(instanceId, name, input));
        return instanceId;
    }

    /// <summary>The next orchestration work item, or null when none comes within <paramref name="wait"/>. The wait is also
    /// a cancellation: DurableTask.AzureStorage ignores the receive timeout and waits until canceled (DurableTask.Core's
    /// dispatchers pass their shutdown token), while others return null at the timeout.</summary>
    protected static async Task<TaskOrchestrationWorkItem?> TryLockOrchestrationAsync(IOrchestrationService service, TimeSpan wait)
    {
        using var timeout = new CancellationTokenSource(wait);
        try
        {
            return await service.LockNextTaskOrchestrationWorkItemAsync(wait, timeout.Token);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
            return null;
        }
    }

    /// <summary>The next activity work item, or null when none comes within <paramref name="wait"/> (see
    /// <see cref="TryLockOrchestrationAsync"/>).</summary>
    protected static async Task<TaskActivityWorkItem?> TryLockActivityAsync(IOrchestrationService service, TimeSpan wait)
    {
        using var timeout = new CancellationTokenSource(wait);
        try
        {
            return await service.LockNextTaskActivityWorkItem(wait, timeout.Token);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
            return null;
        }
    }

    /// <summary>Locks the next orchestration work item, waiting for one up to <see cref="Patience"/>.</summary>
    protected static async Task<TaskOrchestrationWorkItem> LockOrchestrationAsync(IOrchestrationService service, Func<TaskOrchestrationWorkItem, bool>? mine = null)
    {
        DateTime deadline = DateTime.UtcNow + Patience;
        while (DateTime.UtcNow < deadline)
        {
            TaskOrchestrationWorkItem? item = await TryLockOrchestrationAsync(service, ReceiveTimeout);
            if (item is not null)
            {
                if (mine is null || mine(item))
                {
                    return item;
                }

                // As the dispatcher does: Azure Storage holds the instance's session until it is released.
                await service.AbandonTaskOrchestrationWorkItemAsync(item);
                await service.ReleaseTaskOrchestrationWorkItemAsync(item);
            }
        }

        throw new TimeoutException("No orchestration work item arrived.");
    }

    protected Task<TaskOrchestrationWorkItem> LockOrchestrationAsync(string instanceId) =>
        LockOrchestrationAsync(this.Service, w => w.InstanceId == instanceId);

    /// <summary>Locks the next activity work item, waiting for one up to <see cref="Patience"/>.</summary>
    protected static async Task<TaskActivityWorkItem> LockActivityAsync(IOrchestrationService service)
    {
        DateTime deadline = DateTime.UtcNow + Patience;
        for (TimeSpan left = Patience; left > TimeSpan.Zero; left = deadline - DateTime.UtcNow)
        {
            // One receive for the whole remaining patience, as the dispatcher waits: Azure Storage ignores the receive
            // timeout and a cancelled receive can leave a message it had already dequeued invisible for the lock timeout.
            TaskActivityWorkItem? item = await TryLockActivityAsync(service, left);
            if (item is not null)
            {
                return item;
            }
        }

        throw new TimeoutException("No activity work item arrived.");
    }

    /// <summary>Completes an activity work item with a result, as TaskActivityDispatcher does.</summary>
    protected static Task CompleteActivityAsync(IOrchestrationService service, TaskActivityWorkItem item, string? result) =>
        service.CompleteTaskActivityWorkItemAsync(item, new TaskMessage
        {
            Event = new TaskCompletedEvent(-1, item.TaskMessage.Event.EventId, result),
            OrchestrationInstance = item.TaskMessage.OrchestrationInstance,
        });

    /// <summary>Runs the instance's first episode: starts and schedules one activity.</summary>
    protected async Task<TaskOrchestrationWorkItem> StartWithActivityAsync(string instanceId, string activity = "Act", string? input = null)
    {
        TaskOrchestrationWorkItem item = await this.LockOrchestrationAsync(instanceId);
        await new Episode(item).ScheduleActivity(0, activity, input).CommitAsync(this.Service);
        return item;
    }

    /// <summary>Drives an instance through start, one activity and completion; returns its final state.</summary>
    protected async Task<OrchestrationState> RunToCompletionAsync(string instanceId, string? customStatus = null, string? output = "\"done\"")
    {
        await this.StartWithActivityAsync(instanceId);
        TaskActivityWorkItem activity = await LockActivityAsync(this.Service);
        await CompleteActivityAsync(this.Service, activity, "\"ok\"");
        TaskOrchestrationWorkItem item = await this.LockOrchestrationAsync(activity.TaskMessage.OrchestrationInstance.InstanceId);
        await new Episode(item).CustomStatus(customStatus).Complete(output).CommitAsync(this.Service);
        return await this.Client.GetOrchestrationStateAsync(instanceId, null);
    }

    protected async Task<IReadOnlyList<HistoryEvent>> HistoryAsync(string instanceId, string? executionId = null)
    {
        OrchestrationState state = await this.Client.GetOrchestrationStateAsync(instanceId, null);
        string json = await this.Client.GetOrchestrationHistoryAsync(instanceId, executionId ?? state.OrchestrationInstance.ExecutionId);
        return [.. Workflows.DurableTask.Client.HistoryEventJson.Parse(json)];
    }

    /// <summary>Polls <paramref name="condition"/> until it holds, up to <see cref="Patience"/>.</summary>
    protected static async Task EventuallyAsync(Func<Task<bool>> condition, string what)
    {
        DateTime deadline = DateTime.UtcNow + Patience;
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Timed out waiting for {what}.");
            }

            await Task.Delay(20);
        }
    }

    /// <summary>The query port over the test's store: the service itself when it implements it; a provider whose port
    /// is a separate adapter overrides this.</summary>
    protected virtual IInstanceQueryPort? QueryPort => this.Service as IInstanceQueryPort;

    protected IOrchestrationServiceQueryClient QueryClient => (IOrchestrationServiceQueryClient)this.Service;

    protected IOrchestrationServicePurgeClient PurgeClient => (IOrchestrationServicePurgeClient)this.Service;
}
