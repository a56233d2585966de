using System.Globalization;
using System.Text.Json;

namespace Workflows.Soak.Hosts;

/// <summary>The settings every host process of a run gets, as environment variables over the root host.json: one data
/// folder (SQLite store, outbox, documents, email ledger, raised decisions, key ring), the development outbox, the
/// synthetic orchestrations, an admin key, and logs in one line each with DurableTask.Core's and the outbox's
/// Information lines (which the soak reads) and everything else from Warning.</summary>
public static class HostSettings
{
    /// <summary>The settings for a run on <paramref name="provider"/>.</summary>
    /// <param name="provider">The store.</param>
    /// <param name="dataDirectory">The shared data folder.</param>
    /// <param name="adminKey">The admin key.</param>
    /// <param name="azureStorage">The Azure Storage connection string, for <see cref="SoakProvider.AzureStorage"/>.</param>
    public static Dictionary<string, string> For(SoakProvider provider, string dataDirectory, string adminKey, string? azureStorage)
    {
        const string HostJson = "AzureFunctionsJobHost__";
        var settings = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["DataDirectory"] = dataDirectory,
            ["Security__AdminKey"] = adminKey,

            // Links are read for their tokens only; each is opened on whichever process the soak picks.
            ["Governance__Approvals__PublicBaseUrl"] = "http://127.0.0.1:7071",
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["Diagnostics__SyntheticWorkflows"] = "true",
            ["Diagnostics__ExitWithProcessId"] = Environment.ProcessId.ToString(CultureInfo.InvariantCulture),
            ["Logging__Console__FormatterName"] = "simple",
            ["Logging__Console__FormatterOptions__SingleLine"] = "true",
            [HostJson + "logging__logLevel__default"] = "Warning",
            [HostJson + "logging__logLevel__DurableTask.Core"] = "Information",
            [HostJson + "logging__logLevel__Workflows.Governance.Email.DevelopmentOutbox"] = "Information",
        };
        if (provider == SoakProvider.AzureStorage)
        {
            settings[HostJson + "extensions__durableTask__storageProvider__type"] = "AzureStorage";
            settings[HostJson + "extensions__durableTask__storageProvider__connectionName"] = "SoakStorage";
            settings["SoakStorage"] = azureStorage ?? throw new ArgumentNullException(nameof(azureStorage));
        }

        return settings;
    }

    /// <summary>How long after its last episode a host may still hold an instance: host.json's extended-session idle
    /// time (when sessions are on) and five seconds for the episode itself and the checkpoint.</summary>
    public static TimeSpan SessionHold()
    {
        TimeSpan hold = TimeSpan.FromSeconds(5);
        string path = Path.Combine(AppContext.BaseDirectory, "host.json");
        if (!File.Exists(path))
        {
            return hold;
        }

        using JsonDocument hostJson = JsonDocument.Parse(File.ReadAllText(path));
        if (hostJson.RootElement.TryGetProperty("extensions", out JsonElement extensions) && extensions.TryGetProperty("durableTask", out JsonElement durableTask)
            && durableTask.TryGetProperty("extendedSessionsEnabled", out JsonElement enabled) && enabled.ValueKind == JsonValueKind.True)
        {
            hold += TimeSpan.FromSeconds(durableTask.TryGetProperty("extendedSessionIdleTimeoutInSeconds", out JsonElement idle) ? idle.GetInt32() : 30);
        }

        return hold;
    }
}
