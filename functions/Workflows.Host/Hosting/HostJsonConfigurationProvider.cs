using System.Text.Json;
using Microsoft.Extensions.Configuration;

namespace Workflows.Host.Hosting;

/// <summary>Flattens host.json under the <c>AzureFunctionsJobHost</c> prefix, as the Functions host does, so that
/// <c>AzureFunctionsJobHost__extensions__durableTask__hubName</c> in local.settings.json or the environment overrides it.</summary>
internal sealed class HostJsonConfigurationProvider(HostJsonConfigurationSource source) : FileConfigurationProvider(source)
{
    /// <inheritdoc/>
    public override void Load(Stream stream)
    {
        var data = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        using JsonDocument document = JsonDocument.Parse(stream, JsonSettingsFile.DocumentOptions);
        if (document.RootElement.ValueKind != JsonValueKind.Object)
        {
            throw new FormatException("host.json must hold a JSON object.");
        }

        Flatten(document.RootElement, FunctionsHostConfiguration.HostJsonSection, data);
        this.Data = data;
    }

    private static void Flatten(JsonElement element, string path, Dictionary<string, string?> data)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (JsonProperty property in element.EnumerateObject())
                {
                    Flatten(property.Value, ConfigurationPath.Combine(path, property.Name), data);
                }

                break;
            case JsonValueKind.Array:
                int index = 0;
                foreach (JsonElement item in element.EnumerateArray())
                {
                    Flatten(item, ConfigurationPath.Combine(path, index.ToString(System.Globalization.CultureInfo.InvariantCulture)), data);
                    index++;
                }

                break;
            default:
                data[path] = JsonSettingsFile.ScalarText(element);
                break;
        }
    }
}
