using DurableTask.Core.Exceptions;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Workflows.DurableTask.Tests.Infrastructure;
using Workflows.DurableTask.Tests.Scenarios;

namespace Workflows.DurableTask.Tests.Hosting;

/// <summary>The client's members as the app, the management API and the dashboard use them, on Azure Storage.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class ClientMemberTests(AzuriteServer azurite, AzureStorageScenarioProvider provider) : IClassFixture<AzureStorageScenarioProvider>, IAsyncLifetime, IDisposable
{
    private readonly CancellationTokenSource timeout = new(TimeSpan.FromMinutes(2));
    private DurableTaskClient client = null!;

    private CancellationToken Timeout => this.timeout.Token;

    public async Task InitializeAsync() => this.client = await provider.On(azurite).StartAsync(ScenarioTasks.Register);

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose() => this.timeout.Dispose();

    [Fact]
    public async Task GetInstance_reads_inputs_and_outputs_only_when_asked()
    {
        string id = await this.client.ScheduleNewOrchestrationInstanceAsync("Echo", "minutes", this.Timeout);
        await this.client.WaitForInstanceCompletionAsync(id, this.Timeout);

        OrchestrationMetadata bare = (await this.client.GetInstanceAsync(id, getInputsAndOutputs: false, this.Timeout))!;
        OrchestrationMetadata full = (await this.client.GetInstanceAsync(id, getInputsAndOutputs: true, this.Timeout))!;

        Assert.Equal("Echo", bare.Name);
        Assert.Null(bare.SerializedInput);
        Assert.Throws<InvalidOperationException>(() => bare.ReadInputAs<string>());
        Assert.Equal("minutes", full.ReadInputAs<string>());
        Assert.Equal("minutes", full.ReadOutputAs<string>());
        Assert.True(full.CreatedAt <= full.LastUpdatedAt);
        Assert.Equal(TimeSpan.Zero, full.CreatedAt.Offset);
        Assert.Null(await this.client.GetInstanceAsync("missing-" + Guid.NewGuid(), this.Timeout));
    }

    [Fact]
    public async Task Waiting_honours_cancellation_and_refuses_a_missing_instance()
    {
        string id = await this.client.ScheduleNewOrchestrationInstanceAsync("WaitForEvent", cancellation: this.Timeout);
        await this.client.WaitForInstanceStartAsync(id, this.Timeout);
        using var soon = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => this.client.WaitForInstanceCompletionAsync(id, soon.Token));
        await Assert.ThrowsAsync<InvalidOperationException>(() => this.client.WaitForInstanceStartAsync("missing-" + Guid.NewGuid(), this.Timeout));
        await this.client.TerminateInstanceAsync(id, "clean up", this.Timeout);
    }

    [Fact]
    public async Task Events_and_terminations_for_a_finished_instance_change_nothing()
    {
        string id = await this.client.ScheduleNewOrchestrationInstanceAsync("Echo", "final", this.Timeout);
        OrchestrationMetadata done = await this.client.WaitForInstanceCompletionAsync(id, this.Timeout);

        await this.client.RaiseEventAsync(id, "late", "ignored", this.Timeout);
        await this.client.TerminateInstanceAsync(id, "too late", this.Timeout);

        OrchestrationMetadata after = (await this.client.GetInstanceAsync(id, getInputsAndOutputs: true, this.Timeout))!;
        Assert.Equal(OrchestrationRuntimeStatus.Completed, after.RuntimeStatus);
        Assert.Equal("final", after.ReadOutputAs<string>());
        Assert.Equal(done.LastUpdatedAt, after.LastUpdatedAt);
    }

    [Fact]
    public async Task Dedupe_statuses_that_allow_a_running_id_replace_the_running_instance()
    {
        string id = "dedupe-" + Guid.NewGuid().ToString("N");
        await this.client.ScheduleNewOrchestrationInstanceAsync("WaitForEvent", null, new StartOrchestrationOptions(id), this.Timeout);
        await this.client.WaitForInstanceStartAsync(id, this.Timeout);

        await this.client.ScheduleNewOrchestrationInstanceAsync(
            "Echo", "replacement", new StartOrchestrationOptions(id).WithDedupeStatuses(OrchestrationRuntimeStatus.Completed), this.Timeout);

        OrchestrationMetadata replaced = await this.client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, this.Timeout);
        Assert.Equal("Echo", replaced.Name);
        Assert.Equal("replacement", replaced.ReadOutputAs<string>());
        await Assert.ThrowsAsync<OrchestrationAlreadyExistsException>(() => this.client.ScheduleNewOrchestrationInstanceAsync(
            "Echo", "refused", new StartOrchestrationOptions(id).WithDedupeStatuses(OrchestrationRuntimeStatus.Completed), this.Timeout));
    }

    [Fact]
    public async Task Purge_by_filter_removes_finished_instances_created_in_the_range_only()
    {
        DateTimeOffset from = DateTimeOffset.UtcNow.AddSeconds(-1);
        string finished = await this.client.ScheduleNewOrchestrationInstanceAsync("Echo", "old news", this.Timeout);
        string running = await this.client.ScheduleNewOrchestrationInstanceAsync("WaitForEvent", cancellation: this.Timeout);
        await this.client.WaitForInstanceCompletionAsync(finished, this.Timeout);
        await this.client.WaitForInstanceStartAsync(running, this.Timeout);

        PurgeResult result = await this.client.PurgeAllInstancesAsync(new PurgeInstancesFilter(CreatedFrom: from), this.Timeout);

        Assert.True(result.PurgedInstanceCount >= 1);
        Assert.Null(await this.client.GetInstanceAsync(finished, this.Timeout));
        Assert.NotNull(await this.client.GetInstanceAsync(running, this.Timeout));
        await this.client.TerminateInstanceAsync(running, "clean up", this.Timeout);
    }

    [Fact]
    public async Task Query_filters_by_status_and_creation_time()
    {
        DateTimeOffset from = DateTimeOffset.UtcNow.AddSeconds(-1);
        string prefix = "filter-" + Guid.NewGuid().ToString("N")[..8] + "-";
        string done = await this.client.ScheduleNewOrchestrationInstanceAsync("Echo", "x", new StartOrchestrationOptions(prefix + "done"), this.Timeout);
        string waiting = await this.client.ScheduleNewOrchestrationInstanceAsync("WaitForEvent", null, new StartOrchestrationOptions(prefix + "waiting"), this.Timeout);
        await this.client.WaitForInstanceCompletionAsync(done, this.Timeout);
        await this.client.WaitForInstanceStartAsync(waiting, this.Timeout);

        List<string> running = await this.IdsAsync(new OrchestrationQuery(CreatedFrom: from, Statuses: [OrchestrationRuntimeStatus.Running], InstanceIdPrefix: prefix));
        List<string> completed = await this.IdsAsync(new OrchestrationQuery(CreatedFrom: from, Statuses: [OrchestrationRuntimeStatus.Completed], InstanceIdPrefix: prefix));
        List<string> before = await this.IdsAsync(new OrchestrationQuery(CreatedTo: from, InstanceIdPrefix: prefix));

        Assert.Equal([waiting], running);
        Assert.Equal([done], completed);
        Assert.Empty(before);
        await this.client.TerminateInstanceAsync(waiting, "clean up", this.Timeout);
    }

    private async Task<List<string>> IdsAsync(OrchestrationQuery query)
    {
        var ids = new List<string>();
        await foreach (OrchestrationMetadata instance in this.client.GetAllInstancesAsync(query).WithCancellation(this.Timeout))
        {
            ids.Add(instance.InstanceId);
        }

        return ids;
    }
}
