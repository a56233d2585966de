using Workflows.Durable.Client;
using Workflows.Durable.Storage;

namespace Workflows.Durable.Tests.Storage;

/// <summary>Payloads above the inline threshold, which providers store apart from the hot rows, read back whole everywhere.</summary>
public abstract partial class OrchestrationStoreContractTests
{
    [Fact]
    public async Task LargePayloads_RoundTripEverywhere()
    {
        IOrchestrationStore store = await this.OpenStoreAsync(o => o.PayloadInlineThreshold = 64);
        string input = Big('i');
        string eventInput = Big('e');
        string activityInput = Big('a');
        string activityResult = Big('r');
        string customStatus = Big('s');
        string output = Big('o');
        NewOrchestrationInstance instance = this.NewInstance("large", input: input);
        await store.CreateInstanceAsync(instance, [], this.Ct);
        HistoryEvent raised = this.EventRaised("Large", eventInput);
        Assert.True(await store.SendMessageAsync("large", raised, null, this.Ct));

        OrchestrationWorkItem first = await this.ClaimAsync(store, "large");
        AssertEvents([instance.ExecutionStarted, raised], first.Messages.Select(m => m.Event));
        OrchestrationCheckpoint firstCheckpoint = this.Episode(first, activities: [new ActivityRequest(0, "Heavy", null, activityInput)], customStatus: customStatus);
        await store.CompleteOrchestrationAsync(first, firstCheckpoint, this.Ct);
        Assert.Equal(customStatus, (await this.GetAsync(store, "large")).CustomStatus);

        ActivityWorkItem activity = Assert.Single(await store.LockNextActivitiesAsync(10, this.Ct));
        Assert.Equal(activityInput, activity.Input);
        HistoryEvent result = this.TaskCompleted(0, activityResult);
        Assert.Equal([true], await store.CompleteActivitiesAsync([(activity, result)], this.Ct));

        OrchestrationWorkItem second = await this.ClaimAsync(store, "large");
        AssertEvents([result], second.Messages.Select(m => m.Event));
        OrchestrationCheckpoint secondCheckpoint = this.Episode(second, OrchestrationRuntimeStatus.Completed, customStatus: customStatus, output: output);
        await store.CompleteOrchestrationAsync(second, secondCheckpoint, this.Ct);

        InstanceRecord record = await this.GetAsync(store, "large");
        Assert.Equal(input, record.Input);
        Assert.Equal(output, record.Output);
        Assert.Equal(customStatus, record.CustomStatus);
        InstanceRecord queried = Assert.Single((await store.QueryInstancesAsync(new InstanceQuery { IncludePayloads = true }, this.Ct)).Instances);
        Assert.Equal(input, queried.Input);
        Assert.Equal(output, queried.Output);
        Assert.Equal(customStatus, queried.CustomStatus);
        AssertEvents([.. firstCheckpoint.NewHistory, .. secondCheckpoint.NewHistory], await store.GetHistoryAsync("large", this.Ct));
        AssertEvents(secondCheckpoint.NewHistory, await store.ReadHistoryAsync("large", first.HistoryLength + firstCheckpoint.NewHistory.Count, this.Ct));
    }
}
