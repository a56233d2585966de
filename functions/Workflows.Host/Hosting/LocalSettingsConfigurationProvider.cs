using System.Text.Json;
using Microsoft.Extensions.Configuration;

namespace Workflows.Host.Hosting;

/// <summary>Turns each <c>Values</c> entry of local.settings.json into a configuration key, <c>__</c> becoming the section
/// separator as in environment variables, and each <c>ConnectionStrings</c> entry into <c>ConnectionStrings:name</c>.</summary>
internal sealed class LocalSettingsConfigurationProvider(LocalSettingsConfigurationSource source) : FileConfigurationProvider(source)
{
    /// <inheritdoc/>
    public override void Load(Stream stream)
    {
        var data = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        using JsonDocument document = JsonDocument.Parse(stream, JsonSettingsFile.DocumentOptions);
        JsonElement root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new FormatException("local.settings.json must hold a JSON object.");
        }

        // Encrypted files are machine-bound (func settings encrypt); reading them as plain text would yield garbage keys.
        if (root.TryGetProperty("IsEncrypted", out JsonElement encrypted) && encrypted.ValueKind == JsonValueKind.True)
        {
            throw new FormatException("local.settings.json is encrypted (\"IsEncrypted\": true); decrypt it with 'func settings decrypt' or write plain values.");
        }

        if (root.TryGetProperty("Values", out JsonElement values))
        {
            foreach (JsonProperty value in Entries(values, "Values"))
            {
                data[value.Name.Replace("__", ConfigurationPath.KeyDelimiter, StringComparison.Ordinal)] = JsonSettingsFile.ScalarText(value.Value);
            }
        }

        if (root.TryGetProperty("ConnectionStrings", out JsonElement connectionStrings))
        {
            foreach (JsonProperty value in Entries(connectionStrings, "ConnectionStrings"))
            {
                data[ConfigurationPath.Combine("ConnectionStrings", value.Name)] = JsonSettingsFile.ScalarText(value.Value);
            }
        }

        this.Data = data;
    }

    private static List<JsonProperty> Entries(JsonElement section, string name)
    {
        if (section.ValueKind == JsonValueKind.Null)
        {
            return [];
        }

        if (section.ValueKind != JsonValueKind.Object)
        {
            throw new FormatException($"local.settings.json \"{name}\" must be an object of names to values.");
        }

        List<JsonProperty> entries = section.EnumerateObject().ToList();
        foreach (JsonProperty entry in entries)
        {
            if (entry.Value.ValueKind is JsonValueKind.Object or JsonValueKind.Array)
            {
                throw new FormatException($"local.settings.json \"{name}\" entry '{entry.Name}' must be a string, number or boolean; write nested keys with '__', as in 'Section__Key'.");
            }
        }

        return entries;
    }
}
