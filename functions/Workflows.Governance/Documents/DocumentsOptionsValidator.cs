using System.Text.RegularExpressions;
using Azure.Storage.Blobs;
using Microsoft.Extensions.Options;

namespace Workflows.Governance.Documents;

/// <summary>Rejects <c>Documents</c> settings that no store can use, naming each key; it never repeats a connection
/// string, which holds a secret.</summary>
internal sealed partial class DocumentsOptionsValidator : IValidateOptions<DocumentsOptions>
{
    private const string Prefix = DocumentsOptions.SectionName + ":";

    /// <inheritdoc/>
    public ValidateOptionsResult Validate(string? name, DocumentsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        bool localFolder = string.Equals(options.Provider, DocumentsOptions.LocalFolderProvider, StringComparison.OrdinalIgnoreCase);
        if (!localFolder && !options.UsesAzureBlob)
        {
            failures.Add($"{Prefix}Provider must be '{DocumentsOptions.LocalFolderProvider}' or '{DocumentsOptions.AzureBlobProvider}', but is '{options.Provider}'");
        }

        if (options.UsesAzureBlob)
        {
            ValidateAzureBlob(options.AzureBlob ?? new AzureBlobDocumentsOptions(), failures);
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void ValidateAzureBlob(AzureBlobDocumentsOptions blob, List<string> failures)
    {
        string container = blob.ContainerName;
        if (string.IsNullOrEmpty(container) || container.Length is < 3 or > 63 || !ContainerNamePattern().IsMatch(container))
        {
            failures.Add($"{Prefix}AzureBlob:ContainerName must be 3 to 63 lowercase letters, digits and single hyphens, starting and ending with a letter or digit, but is '{container}'");
        }

        bool hasServiceUri = !string.IsNullOrWhiteSpace(blob.ServiceUri);
        if (hasServiceUri && !string.IsNullOrWhiteSpace(blob.ConnectionString))
        {
            failures.Add($"{Prefix}AzureBlob:ConnectionString and {Prefix}AzureBlob:ServiceUri are both set; set one (ServiceUri signs in with the app's identity)");
            return;
        }

        if (hasServiceUri)
        {
            if (!Uri.TryCreate(blob.ServiceUri, UriKind.Absolute, out Uri? uri) || uri.Scheme != Uri.UriSchemeHttps || !string.IsNullOrEmpty(uri.Query))
            {
                // The value is not quoted: a query could be a SAS token.
                failures.Add($"{Prefix}AzureBlob:ServiceUri must be the blob service's https address without a query, such as 'https://account.blob.core.windows.net' (the app signs in with its identity; a SAS token does not belong here)");
            }

            return;
        }

        if (string.IsNullOrWhiteSpace(blob.ConnectionString))
        {
            failures.Add($"{Prefix}AzureBlob:ConnectionString or {Prefix}AzureBlob:ServiceUri is required when {Prefix}Provider is '{DocumentsOptions.AzureBlobProvider}' (for Azurite on its default ports: 'UseDevelopmentStorage=true')");
            return;
        }

        try
        {
            _ = new BlobServiceClient(blob.ConnectionString);
        }
        catch (Exception exception) when (exception is FormatException or ArgumentException or InvalidOperationException)
        {
            // The parser's message can quote the connection string; only its kind of failure is reported.
            failures.Add($"{Prefix}AzureBlob:ConnectionString is not a valid Azure Storage connection string ({exception.GetType().Name}); expected, for example, 'DefaultEndpointsProtocol=https;AccountName=...;AccountKey=...;EndpointSuffix=core.windows.net'");
        }
    }

    [GeneratedRegex("^[a-z0-9](?:[a-z0-9]|-(?=[a-z0-9]))*$", RegexOptions.CultureInvariant)]
    private static partial Regex ContainerNamePattern();
}
