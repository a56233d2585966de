using Workflows.Durable.Client;
using Workflows.Durable.Storage;

namespace Workflows.Durable.Tests.Storage;

/// <summary>Timers, delayed messages and scheduled starts: inbox messages that become visible on the injected clock.</summary>
public abstract partial class OrchestrationStoreContractTests
{
    [Fact]
    public async Task Timers_AreInvisibleUntilTheClockReachesThem_AndNextWakeTimeIsTheEarliest()
    {
        IOrchestrationStore store = await this.OpenStoreAsync();
        DateTimeOffset late = T0.AddMinutes(10);
        DateTimeOffset early = T0.AddMinutes(5);
        await this.StartAsync(store, "timers", item => this.Episode(
            item,
            actions: [this.TimerCreated(0, late), this.TimerCreated(1, early)],
            messages: [TimerMessage(item, 0, late), TimerMessage(item, 1, early)]));

        await this.AssertNothingToClaimAsync(store);
        Assert.Equal(early, await store.GetNextWakeTimeAsync(this.Ct));

        this.Clock.Advance(TimeSpan.FromMinutes(5) - TimeSpan.FromSeconds(1));
        await this.AssertNothingToClaimAsync(store);
        Assert.Equal(early, await store.GetNextWakeTimeAsync(this.Ct));

        this.Clock.Advance(TimeSpan.FromSeconds(1));
        OrchestrationWorkItem firstFired = await this.ClaimAsync(store, "timers");
        HistoryEvent fired = Assert.Single(firstFired.Messages).Event;
        Assert.Equal(HistoryEventType.TimerFired, fired.EventType);
        Assert.Equal(1, fired.TaskScheduledId);
        Assert.Equal(early.UtcDateTime, fired.FireAt);
        await store.CompleteOrchestrationAsync(firstFired, this.Episode(firstFired), this.Ct);
        Assert.Equal(late, await store.GetNextWakeTimeAsync(this.Ct));
        await this.AssertNothingToClaimAsync(store);

        this.Clock.Advance(TimeSpan.FromHours(1));
        OrchestrationWorkItem secondFired = await this.ClaimAsync(store, "timers");
        Assert.Equal(0, Assert.Single(secondFired.Messages).Event.TaskScheduledId);
        await store.CompleteOrchestrationAsync(secondFired, this.Episode(secondFired), this.Ct);
        Assert.Null(await store.GetNextWakeTimeAsync(this.Ct));
    }

    [Fact]
    public async Task SendMessage_WithVisibleAt_IsInvisibleUntilThen()
    {
        IOrchestrationStore store = await this.OpenStoreAsync();
        await this.StartAsync(store, "delayed");
        HistoryEvent message = this.EventRaised("Reminder", "\"r\"");

        Assert.True(await store.SendMessageAsync("delayed", message, T0.AddHours(1), this.Ct));

        await this.AssertNothingToClaimAsync(store);
        Assert.Equal(T0.AddHours(1), await store.GetNextWakeTimeAsync(this.Ct));
        this.Clock.Advance(TimeSpan.FromHours(1));
        OrchestrationWorkItem item = await this.ClaimAsync(store, "delayed");
        AssertEvents([message], item.Messages.Select(m => m.Event));
    }

    [Fact]
    public async Task CreateInstance_WithStartAt_IsNotClaimedBeforeItsStart_AndEventsWaitForIt()
    {
        IOrchestrationStore store = await this.OpenStoreAsync();
        DateTimeOffset startAt = T0.AddHours(2);
        NewOrchestrationInstance instance = this.NewInstance("scheduled", startAt: startAt);
        await store.CreateInstanceAsync(instance, [], this.Ct);
        HistoryEvent early = this.EventRaised("Early", "1");

        Assert.True(await store.SendMessageAsync("scheduled", early, null, this.Ct));

        Assert.Equal(OrchestrationRuntimeStatus.Pending, (await this.GetAsync(store, "scheduled")).RuntimeStatus);
        await this.AssertNothingToClaimAsync(store);
        Assert.Equal(startAt, await store.GetNextWakeTimeAsync(this.Ct));
        this.Clock.Advance(TimeSpan.FromHours(1));
        await this.AssertNothingToClaimAsync(store);

        this.Clock.Advance(TimeSpan.FromHours(1));
        OrchestrationWorkItem item = await this.ClaimAsync(store, "scheduled");
        AssertEvents([instance.ExecutionStarted, early], item.Messages.Select(m => m.Event));
    }
}
