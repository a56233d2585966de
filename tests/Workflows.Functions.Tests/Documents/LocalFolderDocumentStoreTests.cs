using Microsoft.Extensions.Logging.Abstractions;
using Workflows.Governance.Documents;

namespace Workflows.Functions.Tests.Documents;

public sealed class LocalFolderDocumentStoreTests : DocumentStoreContract
{
    private readonly string root = Path.Combine(Directory.CreateTempSubdirectory("documents-tests-").FullName, "documents");

    public override Task DisposeAsync()
    {
        Directory.Delete(Path.GetDirectoryName(this.root)!, recursive: true);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Documents_are_single_files_under_the_root_and_no_temporary_files_remain()
    {
        IDocumentStore store = this.CreateStore();
        await store.SaveAsync("proposals/p-1/decision-record.json", "{}"u8.ToArray(), "application/json", overwrite: false);
        await store.SaveAsync("proposals/p-1/papers/a.pdf", "a"u8.ToArray(), "application/pdf", overwrite: true);
        await store.SaveAsync("proposals/p-1/papers/a.pdf", "b"u8.ToArray(), "application/pdf", overwrite: true);
        await Assert.ThrowsAsync<DocumentAlreadyExistsException>(() => store.SaveAsync("proposals/p-1/decision-record.json", "{}"u8.ToArray(), "application/json", overwrite: false));
        using var failing = new FailingStream(bytesBeforeFailure: 10_000);
        await Assert.ThrowsAsync<IOException>(() => store.SaveAsync("proposals/p-1/papers/broken.pdf", failing, "application/pdf", overwrite: false));

        string[] files = [.. Directory.EnumerateFiles(this.root, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(this.root, f).Replace('\\', '/')).Order(StringComparer.Ordinal)];

        // Write-once saves keep an empty lock file beside the document: it is what serialises racing writers.
        Assert.Equal(["proposals/p-1/decision-record.json~doc", "proposals/p-1/papers/a.pdf~doc"], files.Where(f => !f.EndsWith("~doc.lock", StringComparison.Ordinal)));
        Assert.All(files.Where(f => f.EndsWith(".lock", StringComparison.Ordinal)), f => Assert.Equal(0, new FileInfo(Path.Combine(this.root, f)).Length));
        Assert.False(await store.ExistsAsync("proposals/p-1/papers/broken.pdf"));
    }

    [Fact]
    public async Task The_opened_content_is_a_seekable_view_that_starts_at_the_first_content_byte()
    {
        byte[] content = RandomBytes(5000, seed: 9);
        IDocumentStore store = this.CreateStore();
        await store.SaveAsync("proposals/p-1/papers/a.bin", content, "application/octet-stream", overwrite: false);

        await using StoredDocument? document = await store.OpenAsync("proposals/p-1/papers/a.bin");
        Assert.NotNull(document);
        Stream stream = document.Content;

        Assert.True(stream.CanSeek);
        Assert.Equal(0, stream.Position);
        Assert.Equal(content.Length, stream.Length);
        Assert.Equal(content, await document.ReadAllBytesAsync());
        Assert.Equal(0, await stream.ReadAsync(new byte[10]));
        stream.Seek(-10, SeekOrigin.End);
        byte[] tail = new byte[20];
        Assert.Equal(10, await stream.ReadAsync(tail));
        Assert.Equal(content[^10..], tail[..10]);
        stream.Position = 0;
        byte[] head = new byte[4];
        Assert.Equal(4, stream.Read(head, 0, 4));
        Assert.Equal(content[..4], head);
    }

    [Fact]
    public async Task A_reader_keeps_the_version_it_opened_while_the_document_is_overwritten()
    {
        byte[] first = RandomBytes(100_000, seed: 10);
        IDocumentStore store = this.CreateStore();
        await store.SaveAsync("proposals/p-1/papers/a.bin", first, "application/octet-stream", overwrite: true);

        await using StoredDocument? document = await store.OpenAsync("proposals/p-1/papers/a.bin");
        await store.SaveAsync("proposals/p-1/papers/a.bin", "new"u8.ToArray(), "text/plain", overwrite: true);

        Assert.NotNull(document);
        Assert.Equal(first, await document.ReadAllBytesAsync());
        Assert.Equal("new"u8.ToArray(), await this.ReadAsync("proposals/p-1/papers/a.bin"));
    }

    [Fact]
    public async Task A_file_without_a_document_header_fails_to_open_clearly_and_is_left_out_of_listings()
    {
        IDocumentStore store = this.CreateStore();
        await store.SaveAsync("proposals/p-1/good.txt", "ok"u8.ToArray(), "text/plain", overwrite: false);
        File.WriteAllText(Path.Combine(this.root, "proposals", "p-1", "foreign.txt" + LocalFolderDocumentStore.FileSuffix), "no header here");

        InvalidDataException exception = await Assert.ThrowsAsync<InvalidDataException>(() => store.OpenAsync("proposals/p-1/foreign.txt"));

        Assert.Contains("foreign.txt", exception.Message, StringComparison.Ordinal);
        Assert.Equal(["proposals/p-1/good.txt"], (await store.ListAsync("proposals/")).Select(d => d.Path));
    }

    protected override IDocumentStore CreateStore() => new LocalFolderDocumentStore(this.root, NullLogger<LocalFolderDocumentStore>.Instance);

    /// <summary>Gives some bytes, then fails, as an upload cut off midway does.</summary>
    private sealed class FailingStream(int bytesBeforeFailure) : MemoryStream(new byte[bytesBeforeFailure])
    {
        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            this.Position < this.Length ? base.ReadAsync(buffer, cancellationToken) : throw new IOException("The upload was cut off.");

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            this.ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();
    }
}
