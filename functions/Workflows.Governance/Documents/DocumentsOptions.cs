namespace Workflows.Governance.Documents;

/// <summary>The <c>Documents</c> settings: where proposal papers and decision records are stored.</summary>
public sealed class DocumentsOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Documents";

    /// <summary>The embedded default: files under <c>{DataDirectory}/documents</c>.</summary>
    public const string LocalFolderProvider = "LocalFolder";

    /// <summary>Azure Blob Storage (or Azurite), configured by <see cref="AzureBlob"/>.</summary>
    public const string AzureBlobProvider = "AzureBlob";

    /// <summary><c>Documents:Provider</c>: <see cref="LocalFolderProvider"/> (the default) or
    /// <see cref="AzureBlobProvider"/>, in any case.</summary>
    public string Provider { get; set; } = LocalFolderProvider;

    /// <summary><c>Documents:AzureBlob</c>: the account and container used by the Azure Blob provider.</summary>
    public AzureBlobDocumentsOptions AzureBlob { get; set; } = new();

    /// <summary>Whether <see cref="Provider"/> names the Azure Blob provider.</summary>
    public bool UsesAzureBlob => string.Equals(this.Provider, AzureBlobProvider, StringComparison.OrdinalIgnoreCase);
}
