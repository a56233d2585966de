using DurableTask.AzureStorage;

namespace Workflows.DurableTask.AzureStorage;

/// <summary>The settings a named builder's <see cref="AzureStorageOrchestrationService"/> was made with, kept for the
/// query port (the service does not expose them).</summary>
internal sealed class AzureStorageSettingsSlot
{
    public AzureStorageOrchestrationServiceSettings? Settings { get; set; }
}
