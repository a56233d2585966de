using System.Text.Json;

namespace Workflows.Host.Hosting;

/// <summary>What host.json and local.settings.json readers share.</summary>
internal static class JsonSettingsFile
{
    /// <summary>The Functions host tolerates comments and trailing commas in its settings files.</summary>
    public static JsonDocumentOptions DocumentOptions { get; } = new()
    {
        CommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    /// <summary>The configuration text of a JSON scalar: strings unquoted, numbers and booleans as written, null as null.</summary>
    public static string? ScalarText(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String => element.GetString(),
        JsonValueKind.Null => null,
        _ => element.GetRawText(),
    };
}
