using DurableTask.Core;
using Workflows.DurableTask.Sqlite;
using Workflows.DurableTask.Tests.Sqlite.CoreTasks;

namespace Workflows.DurableTask.Tests.Sqlite;

/// <summary>DurableTask.Core's own TaskHubWorker and TaskHubClient on the SQLite service: the real dispatchers, replay
/// and sessions drive the provider (orchestrations and activities registered through INameVersionObjectManager), with extended sessions on and off.</summary>
public sealed class TaskHubWorkerEndToEndTests : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);
    private readonly SqliteTestFile file = new();
    private SqliteOrchestrationService? service;
    private TaskHubWorker? worker;
    private TaskHubClient? client;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (this.worker is not null)
        {
            await this.worker.StopAsync(isForced: true);
            this.worker.Dispose();
        }

        this.service?.Dispose();
        this.file.Dispose();
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Sequence_fan_out_timer_event_and_sub_orchestration_complete_on_the_real_dispatchers(bool extendedSessions)
    {
        await this.StartAsync(extendedSessions);

        OrchestrationInstance sequence = await this.client!.CreateOrchestrationInstanceAsync(typeof(SequenceOrchestration), "Oslo");
        OrchestrationInstance fanOut = await this.client.CreateOrchestrationInstanceAsync(typeof(FanOutOrchestration), 20);
        OrchestrationInstance timer = await this.client.CreateOrchestrationInstanceAsync(typeof(TimerOrchestration), 500);
        OrchestrationInstance approval = await this.client.CreateOrchestrationInstanceAsync(typeof(ApprovalOrchestration), "Ada");
        OrchestrationInstance parent = await this.client.CreateOrchestrationInstanceAsync(typeof(ParentOrchestration), 0);

        Assert.Equal("\"Hello Oslo, Hello Tokyo, Hello Lima\"", (await this.CompletedAsync(sequence)).Output);
        Assert.Equal(Enumerable.Range(1, 20).Sum(i => i * i).ToString(System.Globalization.CultureInfo.InvariantCulture), (await this.CompletedAsync(fanOut)).Output);
        Assert.Equal("true", (await this.CompletedAsync(timer)).Output);

        await WaitForAsync(async () => (await this.client.GetOrchestrationStateAsync(approval))?.Status == "\"waiting\"");
        await this.client.RaiseEventAsync(approval, "Approval", "approved");
        Assert.Equal("\"Hello Ada approved\"", (await this.CompletedAsync(approval)).Output);

        OrchestrationState parentState = await this.CompletedAsync(parent);
        Assert.Equal("\"Hello child1, Hello Tokyo, Hello Lima\"", parentState.Output);
        Assert.NotEqual(parent.ExecutionId, parentState.OrchestrationInstance.ExecutionId);
    }

    [Fact]
    public async Task Terminated_instance_stops_on_the_real_dispatchers()
    {
        await this.StartAsync(extendedSessions: true);
        OrchestrationInstance approval = await this.client!.CreateOrchestrationInstanceAsync(typeof(ApprovalOrchestration), "Bo");
        await WaitForAsync(async () => (await this.client.GetOrchestrationStateAsync(approval))?.Status == "\"waiting\"");
        await this.client.TerminateInstanceAsync(approval, "cancelled");
        OrchestrationState state = await this.client.WaitForOrchestrationAsync(approval, Patience);
        Assert.Equal(OrchestrationStatus.Terminated, state.OrchestrationStatus);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Failed_instance_rewinds_and_reruns_only_its_failed_activity(bool extendedSessions)
    {
        await this.StartAsync(extendedSessions);
        string input = $"rewind-{Guid.NewGuid():N}";
        OrchestrationInstance flaky = await this.client!.CreateOrchestrationInstanceAsync(typeof(FlakyOrchestration), input);
        OrchestrationState failed = await this.client.WaitForOrchestrationAsync(flaky, Patience);
        Assert.Equal(OrchestrationStatus.Failed, failed.OrchestrationStatus);

        Assert.True(await this.service!.RewindAsync(flaky.InstanceId, "fixed"));
        OrchestrationState? state = null;
        await WaitForAsync(async () => (state = await this.client.GetOrchestrationStateAsync(flaky.InstanceId))?.OrchestrationStatus == OrchestrationStatus.Completed);
        Assert.Equal($"\"Hello {input}; ok after 2\"", state!.Output);
        Assert.NotEqual(flaky.ExecutionId, state.OrchestrationInstance.ExecutionId);
        Assert.False(await this.service.RewindAsync(flaky.InstanceId, "again"));
    }

    [Fact]
    public async Task Graceful_stop_ends_idle_sessions_and_unlocks_their_instances()
    {
        await this.StartAsync(extendedSessions: true, sessionIdleTimeout: TimeSpan.FromSeconds(50));
        OrchestrationInstance approval = await this.client!.CreateOrchestrationInstanceAsync(typeof(ApprovalOrchestration), "Cy");
        await WaitForAsync(async () => (await this.client.GetOrchestrationStateAsync(approval))?.Status == "\"waiting\"");
        var probe = new SqliteStoreProbe(this.file);
        Assert.NotNull(probe.Value("SELECT LockToken FROM Instances WHERE InstanceId = $id", ("$id", approval.InstanceId)));

        await this.worker!.StopAsync(isForced: false);
        DateTime deadline = DateTime.UtcNow.AddSeconds(30);
        while (probe.Value("SELECT LockToken FROM Instances WHERE InstanceId = $id", ("$id", approval.InstanceId)) is not null)
        {
            Assert.True(DateTime.UtcNow < deadline, "The idle session kept its instance locked after the worker stopped.");
            await Task.Delay(20);
        }
    }

    private async Task StartAsync(bool extendedSessions, TimeSpan? sessionIdleTimeout = null)
    {
        this.service = new SqliteOrchestrationService(new SqliteOrchestrationServiceSettings
        {
            ConnectionString = this.file.ConnectionString,
            ExtendedSessionsEnabled = extendedSessions,
            ExtendedSessionIdleTimeout = sessionIdleTimeout ?? TimeSpan.FromSeconds(5),
            MaxPollingInterval = TimeSpan.FromMilliseconds(200),
            MaxConcurrentTaskOrchestrationWorkItems = 4,
            MaxConcurrentTaskActivityWorkItems = 4,
        });
        await this.service.CreateIfNotExistsAsync();

        var orchestrations = new TaskObjectManager<TaskOrchestration>();
        foreach (Type type in new[] { typeof(SequenceOrchestration), typeof(FanOutOrchestration), typeof(TimerOrchestration), typeof(ApprovalOrchestration), typeof(ParentOrchestration), typeof(FlakyOrchestration) })
        {
            orchestrations.Add(new DefaultObjectCreator<TaskOrchestration>(type));
        }

        var activities = new TaskObjectManager<TaskActivity>();
        activities.Add(new DefaultObjectCreator<TaskActivity>(typeof(HelloActivity)));
        activities.Add(new DefaultObjectCreator<TaskActivity>(typeof(SquareActivity)));
        activities.Add(new DefaultObjectCreator<TaskActivity>(typeof(FlakyActivity)));

        this.worker = new TaskHubWorker(this.service, orchestrations, activities);
        await this.worker.StartAsync();
        this.client = new TaskHubClient(this.service);
    }

    private async Task<OrchestrationState> CompletedAsync(OrchestrationInstance instance)
    {
        OrchestrationState state = await this.client!.WaitForOrchestrationAsync(new OrchestrationInstance { InstanceId = instance.InstanceId }, Patience);
        Assert.NotNull(state);
        Assert.True(state.OrchestrationStatus == OrchestrationStatus.Completed, $"{instance.InstanceId} ended {state.OrchestrationStatus}: {state.Output}");
        return state;
    }

    private static async Task WaitForAsync(Func<Task<bool>> condition)
    {
        DateTime deadline = DateTime.UtcNow + Patience;
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "Timed out waiting.");
            await Task.Delay(20);
        }
    }
}
