using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Workflows.DurableTask.Client;
using Workflows.DurableTask.Tests.Infrastructure;

namespace Workflows.DurableTask.Tests.Scenarios;

/// <summary>The orchestration scenarios on Azure Storage over Azurite.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class AzureStorageScenarios(AzuriteServer azurite, AzureStorageScenarioProvider provider)
    : OrchestrationScenarios(provider.On(azurite)), IClassFixture<AzureStorageScenarioProvider>
{
    protected override bool CanRewind => true;

    // DurableTask.AzureStorage discards an event that reaches an instance before its start message; a scheduled start's
    // message stays invisible until its time, so an event raised before then would be lost if the client sent it.
    [Fact]
    public async Task An_event_to_an_instance_that_starts_later_waits_for_its_start_or_is_refused_never_lost()
    {
        string soon = await this.Client.ScheduleNewOrchestrationInstanceAsync(
            "WaitForEvent", null, new StartOrchestrationOptions(StartAt: DateTimeOffset.UtcNow.AddSeconds(3)), this.Timeout);
        string later = await this.Client.ScheduleNewOrchestrationInstanceAsync(
            "WaitForEvent", null, new StartOrchestrationOptions(StartAt: DateTimeOffset.UtcNow.AddHours(1)), this.Timeout);

        await this.Client.RaiseEventAsync(soon, "go", "held until started", this.Timeout);
        InstanceNotStartedException refused = await Assert.ThrowsAsync<InstanceNotStartedException>(
            () => this.Client.RaiseEventAsync(later, "go", "too early", this.Timeout));

        OrchestrationMetadata done = await this.Client.WaitForInstanceCompletionAsync(soon, getInputsAndOutputs: true, this.Timeout);
        Assert.Equal("held until started", done.ReadOutputAs<string>());
        Assert.Equal(later, refused.InstanceId);
        Assert.InRange(refused.RetryAfter, TimeSpan.FromMinutes(58), TimeSpan.FromMinutes(61));
        Assert.Equal(OrchestrationRuntimeStatus.Pending, (await this.Client.GetInstanceAsync(later, this.Timeout))!.RuntimeStatus);
        await this.Client.TerminateInstanceAsync(later, cancellation: this.Timeout);
    }
}
