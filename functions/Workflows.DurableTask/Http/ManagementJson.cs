using System.Text.Json;
using System.Text.Json.Nodes;

namespace Workflows.DurableTask.Http;

/// <summary>The JSON conventions of the management API.</summary>
internal static class ManagementJson
{
    /// <summary>The serializer options of every response; fixed here so that a host's own JSON settings cannot change the contract.</summary>
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web);

    /// <summary>Reads a stored value as JSON, as Durable Functions does: null stays null, and text that is not JSON
    /// (such as a terminate reason written by another client) is returned as a JSON string rather than failing the request.</summary>
    public static JsonNode? ParseOrString(string? serialized)
    {
        if (serialized is null)
        {
            return null;
        }

        string trimmed = serialized.Trim();
        if (trimmed.Length == 0)
        {
            return JsonValue.Create(string.Empty);
        }

        try
        {
            return JsonNode.Parse(trimmed);
        }
        catch (JsonException)
        {
            return JsonValue.Create(serialized);
        }
    }
}
