namespace Workflows.DurableTask.Tests.Scenarios;

/// <summary>Azure Storage with extended sessions: orchestrations stay in memory and are fed only their new events.</summary>
public sealed class AzureStorageSessionScenarioProvider : AzureStorageScenarioProvider
{
    protected override void Configure(global::DurableTask.AzureStorage.AzureStorageOrchestrationServiceSettings settings)
    {
        base.Configure(settings);
        settings.ExtendedSessionsEnabled = true;
        settings.ExtendedSessionIdleTimeout = TimeSpan.FromSeconds(30);
    }
}
