using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Worker;
using Workflows.DurableTask.Tests.Infrastructure;

namespace Workflows.DurableTask.Tests.Scenarios;

/// <summary>Azure Storage over the project's Azurite, a task hub of its own per test class, one partition (the hub is
/// created faster and one worker owns it at once).</summary>
public class AzureStorageScenarioProvider : ScenarioProvider
{
    private AzuriteServer? azurite;
    private AzuriteTaskHub? hub;

    /// <summary>The Azurite this provider uses; set by the test class before the host starts.</summary>
    public AzureStorageScenarioProvider On(AzuriteServer server)
    {
        this.azurite ??= server;
        return this;
    }

    public override TimeSpan TimerGranularity => TimeSpan.FromSeconds(1);

    public override void ConfigureWorker(IDurableTaskWorkerBuilder builder) => builder.UseAzureStorage(this.ConnectionString, this.Configure);

    public override void ConfigureClient(IDurableTaskClientBuilder builder) => builder.UseAzureStorage(this.ConnectionString, this.Configure);

    protected override Task IsolateAsync()
    {
        this.hub = (this.azurite ?? throw new InvalidOperationException("Call On(azurite) first.")).NewTaskHub("scen");
        return Task.CompletedTask;
    }

    private AzuriteTaskHub Hub => this.hub ?? throw new InvalidOperationException("The task hub is made when the host starts.");

    private string ConnectionString => this.Hub.ConnectionString;

    protected virtual void Configure(global::DurableTask.AzureStorage.AzureStorageOrchestrationServiceSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        settings.TaskHubName = this.Hub.TaskHubName;
        settings.PartitionCount = 1;
    }
}
