using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Microsoft.Extensions.Logging.Abstractions;
using Workflows.Governance.Documents;
using Workflows.DurableTask.Tests.Infrastructure;

namespace Workflows.Functions.Tests.Documents;

[Collection(AzuriteCollection.Name)]
public sealed class BlobDocumentStoreTests(AzuriteServer azurite) : DocumentStoreContract
{
    private readonly string containerName = $"documents-{Guid.NewGuid():N}";

    public override async Task DisposeAsync() => await this.Container().DeleteIfExistsAsync();

    [Fact]
    public async Task The_container_is_created_when_first_used()
    {
        Assert.False((await this.Container().ExistsAsync()).Value);

        IReadOnlyList<DocumentInfo> listed = await this.CreateStore().ListAsync(string.Empty);

        Assert.Empty(listed);
        Assert.True((await this.Container().ExistsAsync()).Value);
    }

    [Fact]
    public async Task The_content_type_is_in_the_blob_headers_and_the_blob_is_named_by_the_path()
    {
        await this.CreateStore().SaveAsync("proposals/p-1/papers/Finance report (v2).pdf", "%PDF"u8.ToArray(), "application/pdf", overwrite: false);

        BlobProperties properties = (await this.Container().GetBlobClient("proposals/p-1/papers/Finance report (v2).pdf").GetPropertiesAsync()).Value;

        Assert.Equal("application/pdf", properties.ContentType);
        Assert.Equal(4, properties.ContentLength);
    }

    [Fact]
    public async Task Blobs_whose_names_are_not_document_paths_are_not_listed()
    {
        IDocumentStore store = this.CreateStore();
        await store.SaveAsync("proposals/p-1/a.txt", "a"u8.ToArray(), "text/plain", overwrite: false);
        await this.Container().GetBlobClient("proposals/p-1/notes#1.txt").UploadAsync(BinaryData.FromString("foreign"));

        Assert.Equal(["proposals/p-1/a.txt"], (await store.ListAsync("proposals/")).Select(d => d.Path));
    }

    protected override IDocumentStore CreateStore() =>
        new BlobDocumentStore(BlobDocumentStore.CreateContainerClient(azurite.ConnectionString, this.containerName), NullLogger<BlobDocumentStore>.Instance);

    private BlobContainerClient Container() => BlobDocumentStore.CreateContainerClient(azurite.ConnectionString, this.containerName);
}
