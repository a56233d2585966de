using Workflows.DurableTask.Tests.Infrastructure;

namespace Workflows.DurableTask.Tests.Scenarios;

/// <summary>The orchestration scenarios on Azure Storage over Azurite with extended sessions on.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class AzureStorageSessionScenarios(AzuriteServer azurite, AzureStorageSessionScenarioProvider provider)
    : OrchestrationScenarios(provider.On(azurite)), IClassFixture<AzureStorageSessionScenarioProvider>
{
    protected override bool CanRewind => true;
}
