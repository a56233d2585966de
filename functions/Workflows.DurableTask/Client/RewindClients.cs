using DurableTask.AzureStorage;
using DurableTask.Core;
using Workflows.DurableTask.Rewind;

namespace Workflows.DurableTask.Client;

/// <summary>The rewind capability of a provider's client: its own <see cref="IOrchestrationServiceRewindClient"/>, or
/// Azure Storage's rewind (a method of its own there, with no interface).</summary>
internal static class RewindClients
{
    public static IOrchestrationServiceRewindClient? For(IOrchestrationServiceClient client) => client switch
    {
        IOrchestrationServiceRewindClient rewind => rewind,
        AzureStorageOrchestrationService azureStorage => new AzureStorageRewind(azureStorage),
        _ => null,
    };

    private sealed class AzureStorageRewind(AzureStorageOrchestrationService service) : IOrchestrationServiceRewindClient
    {
        public Task RewindTaskOrchestrationAsync(string instanceId, string reason, CancellationToken cancellation = default)
        {
            cancellation.ThrowIfCancellationRequested();
            return service.RewindTaskOrchestrationAsync(instanceId, reason);
        }
    }
}
