using Workflows.Durable.Client;
using Workflows.Durable.Storage;

namespace Workflows.Durable.Tests.Storage;

/// <summary>The backlog: work due and not yet done.</summary>
public abstract partial class OrchestrationStoreContractTests
{
    [Fact]
    public async Task GetBacklog_CountsDueMessagesAndDueUnheldTasks_NotFutureTimersOrRunningActivities()
    {
        IOrchestrationStore store = await this.OpenStoreAsync();
        Assert.Equal(new WorkBacklog(0, 0), await store.GetBacklogAsync(this.Ct));

        await store.CreateInstanceAsync(this.NewInstance("b-pending"), [], this.Ct);
        await store.CreateInstanceAsync(this.NewInstance("b-later", startAt: T0.AddDays(1)), [], this.Ct);
        Assert.Equal(new WorkBacklog(1, 0), await store.GetBacklogAsync(this.Ct));

        // A running instance whose first episode left an activity running, one queued and a timer due in an hour.
        await this.DriveToAsync(store, "b-busy", OrchestrationRuntimeStatus.Running, leftovers: true);
        Assert.Equal(new WorkBacklog(1, 1), await store.GetBacklogAsync(this.Ct));

        this.Clock.Advance(TimeSpan.FromHours(1));
        Assert.Equal(new WorkBacklog(2, 1), await store.GetBacklogAsync(this.Ct));
    }
}
