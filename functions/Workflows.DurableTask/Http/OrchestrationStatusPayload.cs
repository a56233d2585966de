using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Microsoft.DurableTask.Client;

namespace Workflows.DurableTask.Http;

/// <summary>The status of an instance in the Durable Functions JSON shape.</summary>
internal sealed class OrchestrationStatusPayload
{
    [JsonPropertyName("name")]
    public required string Name { get; init; }

    [JsonPropertyName("instanceId")]
    public required string InstanceId { get; init; }

    [JsonPropertyName("runtimeStatus")]
    public required string RuntimeStatus { get; init; }

    [JsonPropertyName("input")]
    public JsonNode? Input { get; init; }

    [JsonPropertyName("customStatus")]
    public JsonNode? CustomStatus { get; init; }

    [JsonPropertyName("output")]
    public JsonNode? Output { get; init; }

    [JsonPropertyName("createdTime")]
    public required string CreatedTime { get; init; }

    [JsonPropertyName("lastUpdatedTime")]
    public required string LastUpdatedTime { get; init; }

    /// <summary>Present only when history was asked for.</summary>
    [JsonPropertyName("historyEvents")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public JsonArray? HistoryEvents { get; init; }

    public static OrchestrationStatusPayload From(OrchestrationMetadata metadata, bool showInput, JsonArray? history) => new()
    {
        Name = metadata.Name,
        InstanceId = metadata.InstanceId,
        RuntimeStatus = metadata.RuntimeStatus.ToString(),
        Input = showInput ? ManagementJson.ParseOrString(metadata.SerializedInput) : null,
        CustomStatus = ManagementJson.ParseOrString(metadata.SerializedCustomStatus),
        Output = OutputOf(metadata),
        CreatedTime = Time(metadata.CreatedAt),
        LastUpdatedTime = Time(metadata.LastUpdatedAt),
        HistoryEvents = history,
    };

    private static JsonNode? OutputOf(OrchestrationMetadata metadata)
    {
        // A failed instance has no output of its own; Durable Functions shows the failure there, and tools read it from there.
        if (metadata.RuntimeStatus == OrchestrationRuntimeStatus.Failed && metadata.SerializedOutput is null && metadata.FailureDetails is { } failure)
        {
            return JsonValue.Create($"Orchestrator function '{metadata.Name}' failed: {failure.ErrorMessage}");
        }

        return ManagementJson.ParseOrString(metadata.SerializedOutput);
    }

    // Whole seconds with a Z, as Durable Functions writes these two fields.
    private static string Time(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
