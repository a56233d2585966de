using DurableTask.Core;

namespace Workflows.DurableTask.Tests.Contract;

/// <summary>Purging finished instances: one, by filter, by time.</summary>
public abstract partial class OrchestrationServiceContractTests
{
    [Fact]
    public virtual async Task Purge_one_deletes_a_finished_instance_and_leaves_a_live_one()
    {
        string done = await this.CreateAsync();
        await this.RunToCompletionAsync(done);
        string live = await this.CreateAsync();

        PurgeResult purged = await this.PurgeClient.PurgeInstanceStateAsync(done);
        Assert.Equal(1, purged.DeletedInstanceCount);
        Assert.Null(await this.Client.GetOrchestrationStateAsync(done, null));

        PurgeResult kept = await this.PurgeClient.PurgeInstanceStateAsync(live);
        Assert.Equal(0, kept.DeletedInstanceCount);
        Assert.Equal(OrchestrationStatus.Pending, (await this.Client.GetOrchestrationStateAsync(live, null)).OrchestrationStatus);

        // The id is free again and its old history is gone.
        await this.CreateAsync(done);
        TaskOrchestrationWorkItem item = await this.LockOrchestrationAsync(done);
        Assert.Empty(item.OrchestrationRuntimeState.Events);
    }

    [Fact]
    public virtual async Task Purge_by_filter_deletes_only_finished_instances_of_the_given_statuses()
    {
        DateTime from = DateTime.UtcNow.AddMinutes(-1);
        string completed1 = await this.CreateAsync();
        string completed2 = await this.CreateAsync();
        string failed = await this.CreateAsync();
        string running = await this.CreateAsync();
        await this.RunToCompletionAsync(completed1);
        await this.RunToCompletionAsync(completed2);
        TaskOrchestrationWorkItem item = await this.LockOrchestrationAsync(failed);
        await new Episode(item).Complete("\"boom\"", OrchestrationStatus.Failed).CommitAsync(this.Service);
        await this.StartWithActivityAsync(running);

        PurgeResult first = await this.PurgeClient.PurgeInstanceStateAsync(new PurgeInstanceFilter(from, null, [OrchestrationStatus.Completed]));
        Assert.Equal(2, first.DeletedInstanceCount);
        Assert.Null(await this.Client.GetOrchestrationStateAsync(completed1, null));
        Assert.Equal(OrchestrationStatus.Failed, (await this.Client.GetOrchestrationStateAsync(failed, null)).OrchestrationStatus);

        PurgeResult second = await this.PurgeClient.PurgeInstanceStateAsync(new PurgeInstanceFilter(from, DateTime.UtcNow.AddMinutes(1), null));
        Assert.Equal(1, second.DeletedInstanceCount);
        Assert.Null(await this.Client.GetOrchestrationStateAsync(failed, null));
        Assert.Equal(OrchestrationStatus.Running, (await this.Client.GetOrchestrationStateAsync(running, null)).OrchestrationStatus);

        PurgeResult none = await this.PurgeClient.PurgeInstanceStateAsync(new PurgeInstanceFilter(DateTime.UtcNow.AddMinutes(5), null, null));
        Assert.Equal(0, none.DeletedInstanceCount);
    }

    [Fact]
    public virtual async Task Purge_history_by_time_deletes_instances_finished_before_the_threshold()
    {
        string done = await this.CreateAsync();
        await this.RunToCompletionAsync(done);
        string live = await this.CreateAsync();

        await this.Client.PurgeOrchestrationHistoryAsync(DateTime.UtcNow.AddMinutes(-5), OrchestrationStateTimeRangeFilterType.OrchestrationCompletedTimeFilter);
        Assert.NotNull(await this.Client.GetOrchestrationStateAsync(done, null));

        await this.Client.PurgeOrchestrationHistoryAsync(DateTime.UtcNow.AddMinutes(5), OrchestrationStateTimeRangeFilterType.OrchestrationCompletedTimeFilter);
        Assert.Null(await this.Client.GetOrchestrationStateAsync(done, null));
        Assert.NotNull(await this.Client.GetOrchestrationStateAsync(live, null));
    }
}
