using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;

namespace Workflows.Governance.Documents;

/// <summary>Stores documents as block blobs in one Azure Blob Storage container (created when first used), named by
/// their paths, with the content type in the blob's headers. A write-once save uploads with <c>If-None-Match: *</c>, so
/// the service refuses it atomically when the blob exists.</summary>
public sealed class BlobDocumentStore : IDocumentStore
{
    /// <summary>The storage service version the clients speak: the newest that Azurite 3.37 (the local emulator)
    /// accepts, so the same client works against Azure and Azurite.</summary>
    public const BlobClientOptions.ServiceVersion ServiceVersion = BlobClientOptions.ServiceVersion.V2026_06_06;

    private readonly BlobContainerClient container;
    private readonly ILogger<BlobDocumentStore> logger;
    private volatile bool containerReady;

    /// <summary>Creates a store on <paramref name="container"/>.</summary>
    public BlobDocumentStore(BlobContainerClient container, ILogger<BlobDocumentStore> logger)
    {
        ArgumentNullException.ThrowIfNull(container);
        ArgumentNullException.ThrowIfNull(logger);
        this.container = container;
        this.logger = logger;
    }

    /// <summary>The container's address (it carries no credentials).</summary>
    public Uri ContainerUri => this.container.Uri;

    /// <summary>A client for the container <paramref name="containerName"/> of the account that
    /// <paramref name="connectionString"/> names, speaking <see cref="ServiceVersion"/>.</summary>
    public static BlobContainerClient CreateContainerClient(string connectionString, string containerName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        ArgumentException.ThrowIfNullOrWhiteSpace(containerName);
        return new BlobContainerClient(connectionString, containerName, new BlobClientOptions(ServiceVersion));
    }

    /// <summary>A client for <paramref name="containerName"/> on the blob service at <paramref name="serviceUri"/>,
    /// signed in to with <paramref name="credential"/> (the app's identity).</summary>
    public static BlobContainerClient CreateContainerClient(Uri serviceUri, Azure.Core.TokenCredential credential, string containerName)
    {
        ArgumentNullException.ThrowIfNull(serviceUri);
        ArgumentNullException.ThrowIfNull(credential);
        ArgumentException.ThrowIfNullOrWhiteSpace(containerName);
        return new BlobServiceClient(serviceUri, credential, new BlobClientOptions(ServiceVersion)).GetBlobContainerClient(containerName);
    }

    /// <inheritdoc/>
    public async Task SaveAsync(string path, Stream content, string contentType, bool overwrite, CancellationToken cancellationToken = default)
    {
        DocumentPath.Validate(path);
        ArgumentNullException.ThrowIfNull(content);
        DocumentContentType.Validate(contentType);
        await this.UploadAsync(path, contentType, overwrite, (blob, options) => blob.UploadAsync(content, options, cancellationToken), cancellationToken);
    }

    /// <inheritdoc/>
    public async Task SaveAsync(string path, ReadOnlyMemory<byte> content, string contentType, bool overwrite, CancellationToken cancellationToken = default)
    {
        DocumentPath.Validate(path);
        DocumentContentType.Validate(contentType);
        var data = BinaryData.FromBytes(content);
        await this.UploadAsync(path, contentType, overwrite, (blob, options) => blob.UploadAsync(data, options, cancellationToken), cancellationToken);
    }

    /// <inheritdoc/>
    public async Task<StoredDocument?> OpenAsync(string path, CancellationToken cancellationToken = default)
    {
        DocumentPath.Validate(path);
        await this.EnsureContainerAsync(cancellationToken);
        try
        {
            // One request: content and headers are of the same version, and the SDK resumes a broken download only
            // while the blob's ETag is unchanged.
            Response<BlobDownloadStreamingResult> response = await this.container.GetBlobClient(path).DownloadStreamingAsync(cancellationToken: cancellationToken);
            BlobDownloadDetails details = response.Value.Details;
            return new StoredDocument(path, details.ContentType ?? "application/octet-stream", details.ContentLength, response.Value.Content);
        }
        catch (RequestFailedException exception) when (exception.Status == 404)
        {
            return null;
        }
    }

    /// <inheritdoc/>
    public async Task<bool> ExistsAsync(string path, CancellationToken cancellationToken = default)
    {
        DocumentPath.Validate(path);
        await this.EnsureContainerAsync(cancellationToken);
        Response<bool> exists = await this.container.GetBlobClient(path).ExistsAsync(cancellationToken);
        return exists.Value;
    }

    /// <inheritdoc/>
    public async Task<IReadOnlyList<DocumentInfo>> ListAsync(string prefix, CancellationToken cancellationToken = default)
    {
        DocumentPath.ValidatePrefix(prefix);
        await this.EnsureContainerAsync(cancellationToken);
        var documents = new List<DocumentInfo>();
        var options = new GetBlobsOptions { Prefix = prefix.Length == 0 ? null : prefix };
        await foreach (BlobItem blob in this.container.GetBlobsAsync(options, cancellationToken))
        {
            // Blobs that other tools put in the container under names this store would refuse are not documents.
            if (DocumentPath.IsValid(blob.Name))
            {
                documents.Add(new DocumentInfo(blob.Name, blob.Properties.ContentType ?? "application/octet-stream", blob.Properties.ContentLength ?? 0));
            }
        }

        documents.Sort((a, b) => string.CompareOrdinal(a.Path, b.Path));
        return documents;
    }

    private async Task UploadAsync(
        string path,
        string contentType,
        bool overwrite,
        Func<BlobClient, BlobUploadOptions, Task> upload,
        CancellationToken cancellationToken)
    {
        await this.EnsureContainerAsync(cancellationToken);
        BlobClient blob = this.container.GetBlobClient(path);
        var options = new BlobUploadOptions
        {
            HttpHeaders = new BlobHttpHeaders { ContentType = contentType },
            Conditions = overwrite ? null : new BlobRequestConditions { IfNoneMatch = ETag.All },
        };
        try
        {
            await upload(blob, options);
        }
        catch (RequestFailedException exception) when (!overwrite && IsAlreadyExists(exception))
        {
            DocumentsLog.AlreadyExists(this.logger, path);
            throw new DocumentAlreadyExistsException(path, exception);
        }
        catch (RequestFailedException exception) when (!overwrite)
        {
            // A large upload goes in blocks; when a concurrent writer commits first, ours can fail with a block error
            // instead of the condition's. Either way the other document stands.
            if ((await blob.ExistsAsync(cancellationToken)).Value)
            {
                DocumentsLog.AlreadyExists(this.logger, path);
                throw new DocumentAlreadyExistsException(path, exception);
            }

            throw;
        }

        DocumentsLog.Saved(this.logger, path, contentType);
    }

    private static bool IsAlreadyExists(RequestFailedException exception) =>
        exception.ErrorCode == BlobErrorCode.BlobAlreadyExists || exception.ErrorCode == BlobErrorCode.ConditionNotMet;

    private async Task EnsureContainerAsync(CancellationToken cancellationToken)
    {
        if (this.containerReady)
        {
            return;
        }

        // Concurrent first calls may each ask; creating if not exists is idempotent.
        Response<BlobContainerInfo>? created = await this.container.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        if (created is not null)
        {
            DocumentsLog.ContainerCreated(this.logger, this.container.Name);
        }

        this.containerReady = true;
    }
}
