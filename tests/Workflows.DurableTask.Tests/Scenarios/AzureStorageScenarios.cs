using Workflows.DurableTask.Tests.Infrastructure;

namespace Workflows.DurableTask.Tests.Scenarios;

/// <summary>The orchestration scenarios on Azure Storage over Azurite.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class AzureStorageScenarios(AzuriteServer azurite, AzureStorageScenarioProvider provider)
    : OrchestrationScenarios(provider.On(azurite)), IClassFixture<AzureStorageScenarioProvider>
{
    protected override bool CanRewind => true;
}
