using System.Xml.Linq;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Microsoft.AspNetCore.DataProtection.Repositories;

namespace Workflows.Governance.KeyRing;

/// <summary>The Data Protection key ring in one blob that every instance of the app reads and adds to, so that an
/// approval link, a dashboard session or an anti-forgery token protected on one instance is unprotected on another.</summary>
/// <remarks>A key is added by rewriting the blob on condition of the ETag it was read at; a writer that lost the race
/// reads again and adds its key to the winner's ring, so no key is lost. The keys are stored as Data Protection writes
/// them: this repository does not encrypt them (access to the container is access to the keys).</remarks>
public sealed class BlobXmlRepository : IXmlRepository
{
    /// <summary>The blob's name in its container.</summary>
    public const string BlobName = "keys.xml";

    private const string RootName = "repository";

    private readonly BlobContainerClient container;
    private readonly BlobClient blob;
    private volatile bool containerReady;

    /// <summary>A repository in the blob <see cref="BlobName"/> of <paramref name="container"/> (created on first write).</summary>
    public BlobXmlRepository(BlobContainerClient container)
    {
        ArgumentNullException.ThrowIfNull(container);
        this.container = container;
        this.blob = container.GetBlobClient(BlobName);
    }

    /// <summary>The blob's address (no credentials).</summary>
    public Uri BlobUri => this.blob.Uri;

    /// <inheritdoc/>
    public IReadOnlyCollection<XElement> GetAllElements() => [.. this.Read().Ring.Root!.Elements()];

    /// <inheritdoc/>
    public void StoreElement(XElement element, string friendlyName)
    {
        ArgumentNullException.ThrowIfNull(element);
        while (true)
        {
            (XDocument ring, ETag? etag) = this.Read();
            ring.Root!.Add(new XElement(element));
            var conditions = etag is ETag current ? new BlobRequestConditions { IfMatch = current } : new BlobRequestConditions { IfNoneMatch = ETag.All };
            using var content = new MemoryStream();
            ring.Save(content, SaveOptions.DisableFormatting);
            content.Position = 0;
            this.EnsureContainer();
            try
            {
                this.blob.Upload(content, new BlobUploadOptions
                {
                    Conditions = conditions,
                    HttpHeaders = new BlobHttpHeaders { ContentType = "application/xml" },
                });
                return;
            }
            catch (RequestFailedException exception) when (exception.Status is 409 or 412)
            {
                // Another instance added a key first; add this one to its ring.
            }
        }
    }

    private (XDocument Ring, ETag? ETag) Read()
    {
        try
        {
            Response<BlobDownloadResult> response = this.blob.DownloadContent();
            using Stream stream = response.Value.Content.ToStream();
            return (XDocument.Load(stream), response.Value.Details.ETag);
        }
        catch (RequestFailedException exception) when (exception.Status == 404)
        {
            return (new XDocument(new XElement(RootName)), null);
        }
    }

    private void EnsureContainer()
    {
        if (!this.containerReady)
        {
            this.container.CreateIfNotExists();
            this.containerReady = true;
        }
    }
}
