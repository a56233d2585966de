using Azure.Core;
using Azure.Identity;
using DurableTask.AzureStorage;
using Microsoft.Extensions.Configuration;
using Workflows.DurableTask.Hosting;

namespace Workflows.DurableTask.AzureStorage;

/// <summary>An identity-based Azure Storage connection as Azure Functions reads one from a section of settings
/// (<c>&lt;name&gt;__accountName</c>, or <c>__blobServiceUri</c>, <c>__queueServiceUri</c> and <c>__tableServiceUri</c>;
/// <c>__credential</c> <c>managedidentity</c> with an optional <c>__clientId</c>, or <c>__tenantId</c>, <c>__clientId</c>
/// and <c>__clientSecret</c>; otherwise the default Azure credential chain).</summary>
public static class IdentityStorageConnection
{
    /// <summary>The storage clients <paramref name="section"/> describes; throws <see cref="StoreConfigurationException"/>,
    /// naming the settings to add, when it names no account.</summary>
    public static StorageAccountClientProvider Create(IConfigurationSection section)
    {
        ArgumentNullException.ThrowIfNull(section);
        string name = section.Path;
        string? account = Value(section, "accountName");
        Uri? blob = Endpoint(section, "blobServiceUri") ?? Endpoint(section, "serviceUri") ?? AccountEndpoint(account, "blob");
        Uri? queue = Endpoint(section, "queueServiceUri") ?? AccountEndpoint(account, "queue");
        Uri? table = Endpoint(section, "tableServiceUri") ?? AccountEndpoint(account, "table");
        if (blob is null || queue is null || table is null)
        {
            throw new StoreConfigurationException(
                $"The identity-based connection '{name}' names no storage account: set '{name}__accountName', or all of " +
                $"'{name}__blobServiceUri', '{name}__queueServiceUri' and '{name}__tableServiceUri'.");
        }

        return new StorageAccountClientProvider(blob, queue, table, Credential(section));
    }

    private static TokenCredential Credential(IConfigurationSection section)
    {
        string? clientId = Value(section, "clientId");
        if (string.Equals(Value(section, "credential"), "managedidentity", StringComparison.OrdinalIgnoreCase))
        {
            return clientId is null ? new ManagedIdentityCredential(ManagedIdentityId.SystemAssigned) : new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(clientId));
        }

        if (Value(section, "tenantId") is { } tenantId && clientId is not null && Value(section, "clientSecret") is { } secret)
        {
            return new ClientSecretCredential(tenantId, clientId, secret);
        }

        return new DefaultAzureCredential();
    }

    private static string? Value(IConfigurationSection section, string key) =>
        section[key] is { } value && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;

    private static Uri? Endpoint(IConfigurationSection section, string key)
    {
        if (Value(section, key) is not { } text)
        {
            return null;
        }

        return Uri.TryCreate(text, UriKind.Absolute, out Uri? uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)
            ? uri
            : throw new StoreConfigurationException($"'{section.Path}__{key}' is not an http(s) address.");
    }

    private static Uri? AccountEndpoint(string? account, string service) =>
        account is null ? null : new Uri($"https://{account}.{service}.core.windows.net");
}
