using System.Text.Json;
using System.Text.Json.Serialization;

namespace Workflows.Durable;

/// <summary>The stored JSON form of history events and failures.</summary>
[JsonSourceGenerationOptions(
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    UseStringEnumConverter = true)]
[JsonSerializable(typeof(HistoryEvent))]
[JsonSerializable(typeof(TaskFailureDetails))]
[JsonSerializable(typeof(Dictionary<string, string>))]
internal sealed partial class HistoryJson : JsonSerializerContext
{
    public static string Serialize(HistoryEvent e) => JsonSerializer.Serialize(e, Default.HistoryEvent);

    public static HistoryEvent DeserializeEvent(string json) =>
        JsonSerializer.Deserialize(json, Default.HistoryEvent) ?? throw new JsonException("A stored history event is empty.");

    public static string? Serialize(TaskFailureDetails? details) =>
        details is null ? null : JsonSerializer.Serialize(details, Default.TaskFailureDetails);

    public static TaskFailureDetails? DeserializeFailure(string? json) =>
        json is null ? null : JsonSerializer.Deserialize(json, Default.TaskFailureDetails);
}
