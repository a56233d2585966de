namespace Workflows.Governance.Documents;

/// <summary>The <c>Documents:AzureBlob</c> settings.</summary>
public sealed class AzureBlobDocumentsOptions
{
    /// <summary>The container used when none is configured.</summary>
    public const string DefaultContainerName = "governance";

    /// <summary><c>Documents:AzureBlob:ConnectionString</c>: an Azure Storage connection string, such as
    /// <c>UseDevelopmentStorage=true</c> for Azurite on its default ports. The Azure Blob provider needs this or
    /// <see cref="ServiceUri"/>, not both.</summary>
    public string? ConnectionString { get; set; }

    /// <summary><c>Documents:AzureBlob:ServiceUri</c>: the blob service's https address (e.g.
    /// <c>https://account.blob.core.windows.net</c>), signed in to with the app's Azure identity (a managed identity in
    /// Azure, <c>DefaultAzureCredential</c>), so that no account key is configured.</summary>
    public string? ServiceUri { get; set; }

    /// <summary><c>Documents:AzureBlob:ContainerName</c>: the container, created when first used.</summary>
    public string ContainerName { get; set; } = DefaultContainerName;
}
