using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Converters;
using NSubstitute;

namespace Workflows.FunctionApp.Tests;

/// <summary>Instances a substituted <see cref="DurableTaskClient"/> knows, with their custom status and output
/// serialized as the SDK's default converter writes them.</summary>
public static class SubstitutedInstances
{
    /// <summary>Makes <paramref name="client"/> return an instance of <paramref name="orchestrator"/> for <paramref name="id"/>.</summary>
    public static void Has(
        this DurableTaskClient client, string id, string orchestrator, object? status, OrchestrationRuntimeStatus runtime = OrchestrationRuntimeStatus.Running, object? output = null)
    {
        var metadata = new OrchestrationMetadata(orchestrator, id)
        {
            RuntimeStatus = runtime,
            CreatedAt = DateTimeOffset.UtcNow,
            LastUpdatedAt = DateTimeOffset.UtcNow,
            SerializedCustomStatus = status is null ? null : JsonDataConverter.Default.Serialize(status),
            SerializedOutput = output is null ? null : JsonDataConverter.Default.Serialize(output),
            DataConverter = JsonDataConverter.Default,
        };
        client.GetInstanceAsync(id, Arg.Any<bool>(), Arg.Any<CancellationToken>()).Returns(metadata);
    }
}
