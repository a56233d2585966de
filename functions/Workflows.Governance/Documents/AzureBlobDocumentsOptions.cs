namespace Workflows.Governance.Documents;

/// <summary>The <c>Documents:AzureBlob</c> settings.</summary>
public sealed class AzureBlobDocumentsOptions
{
    /// <summary>The container used when none is configured.</summary>
    public const string DefaultContainerName = "governance";

    /// <summary><c>Documents:AzureBlob:ConnectionString</c>: an Azure Storage connection string, such as
    /// <c>UseDevelopmentStorage=true</c> for Azurite on its default ports. Required by the Azure Blob provider.</summary>
    public string? ConnectionString { get; set; }

    /// <summary><c>Documents:AzureBlob:ContainerName</c>: the container, created when first used.</summary>
    public string ContainerName { get; set; } = DefaultContainerName;
}
