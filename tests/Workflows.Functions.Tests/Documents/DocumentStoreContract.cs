using System.IO.Pipelines;
using System.Text;
using Workflows.Governance.Documents;

namespace Workflows.Functions.Tests.Documents;

/// <summary>The behaviour every <see cref="IDocumentStore"/> promises, run against each provider by a derived class.
/// <see cref="CreateStore"/> returns a new store instance over the same storage each time, as another process would
/// have, so nothing here can pass thanks to state inside one instance.</summary>
public abstract class DocumentStoreContract : IAsyncLifetime
{
    private const string Pdf = "application/pdf";

    public static TheoryData<string> InvalidPaths => new()
    {
        "",
        " ",
        "../secrets.txt",
        "proposals/../../etc/passwd",
        "proposals/./p-1",
        "/etc/passwd",
        "C:/Windows/win.ini",
        "proposals\\p-1\\report.pdf",
        "proposals//report.pdf",
        "proposals/p-1/",
        "proposals/.hidden",
        "proposals/report.pdf.",
        "proposals/ report.pdf",
        "proposals/report?.pdf",
        "proposals/report#1.pdf",
        "proposals/report.pdf~doc",
        "proposals/rapport-\u00e9t\u00e9.pdf",
        "proposals/line\nbreak.pdf",
        "proposals/" + new string('a', 201),
        string.Join('/', Enumerable.Repeat("p", 33)),
        "proposals/" + string.Join('/', Enumerable.Repeat(new string('a', 100), 5)),
    };

    public static TheoryData<string> InvalidPrefixes => new() { "../", "proposals/../", "/proposals", "proposals\\p-1", "proposals//", ".tmp", "proposals/p:1" };

    public static TheoryData<string> InvalidContentTypes => new() { "", "pdf", "application/pdf\r\nX-Injected: 1", "text/" + new string('a', 260) };

    public virtual Task InitializeAsync() => Task.CompletedTask;

    public virtual Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task A_saved_document_opens_from_another_store_instance_with_its_bytes_content_type_and_length()
    {
        byte[] content = RandomBytes(300_000, seed: 1);

        await this.CreateStore().SaveAsync("proposals/p-1/papers/Finance report (v2).pdf", content, Pdf, overwrite: false);

        await using StoredDocument? document = await this.CreateStore().OpenAsync("proposals/p-1/papers/Finance report (v2).pdf");
        Assert.NotNull(document);
        Assert.Equal("proposals/p-1/papers/Finance report (v2).pdf", document.Path);
        Assert.Equal(Pdf, document.ContentType);
        Assert.Equal(content.Length, document.Length);
        Assert.Equal(content, await document.ReadAllBytesAsync());
    }

    [Fact]
    public async Task Content_that_looks_like_a_header_or_has_parameters_in_its_type_round_trips_unchanged()
    {
        byte[] content = Encoding.UTF8.GetBytes("\n{\"format\":1,\"contentType\":\"image/png\"}\n\0\r\n{}");
        IDocumentStore store = this.CreateStore();

        await store.SaveAsync("proposals/p-1/decision-record.json", content, "application/json; charset=utf-8", overwrite: false);

        await using StoredDocument? document = await store.OpenAsync("proposals/p-1/decision-record.json");
        Assert.NotNull(document);
        Assert.Equal("application/json; charset=utf-8", document.ContentType);
        Assert.Equal(content, await document.ReadAllBytesAsync());
    }

    [Fact]
    public async Task An_empty_document_round_trips()
    {
        IDocumentStore store = this.CreateStore();

        await store.SaveAsync("proposals/p-1/papers/empty.txt", ReadOnlyMemory<byte>.Empty, "text/plain", overwrite: false);

        await using StoredDocument? document = await store.OpenAsync("proposals/p-1/papers/empty.txt");
        Assert.NotNull(document);
        Assert.Equal(0, document.Length);
        Assert.Empty(await document.ReadAllBytesAsync());
        Assert.Equal("text/plain", document.ContentType);
    }

    [Fact]
    public async Task A_stream_is_saved_from_its_current_position_to_its_end()
    {
        byte[] content = RandomBytes(10_000, seed: 2);
        using var stream = new MemoryStream(content);
        stream.Position = 100;

        await this.CreateStore().SaveAsync("proposals/p-1/papers/tail.bin", stream, "application/octet-stream", overwrite: false);

        Assert.Equal(content[100..], await this.ReadAsync("proposals/p-1/papers/tail.bin"));
    }

    [Fact]
    public async Task A_non_seekable_stream_of_unknown_length_is_saved_whole()
    {
        byte[] content = RandomBytes(200_000, seed: 3);
        var pipe = new Pipe();
        await using Stream stream = pipe.Reader.AsStream();
        Assert.False(stream.CanSeek);

        // The content arrives in chunks while it is being saved, as an upload does.
        Task upload = Task.Run(async () =>
        {
            for (int offset = 0; offset < content.Length; offset += 16 * 1024)
            {
                await pipe.Writer.WriteAsync(content.AsMemory(offset, Math.Min(16 * 1024, content.Length - offset)));
            }

            await pipe.Writer.CompleteAsync();
        });
        await this.CreateStore().SaveAsync("proposals/p-1/papers/upload.bin", stream, "application/octet-stream", overwrite: false);
        await upload;

        Assert.Equal(content, await this.ReadAsync("proposals/p-1/papers/upload.bin"));
    }

    [Fact]
    public async Task Write_once_refuses_an_existing_document_and_the_first_content_and_type_stay()
    {
        IDocumentStore store = this.CreateStore();
        await store.SaveAsync("proposals/p-1/decision-record.json", "{\"outcome\":\"Approved\"}"u8.ToArray(), "application/json", overwrite: false);

        var fromMemory = await Assert.ThrowsAsync<DocumentAlreadyExistsException>(() =>
            this.CreateStore().SaveAsync("proposals/p-1/decision-record.json", "{\"outcome\":\"Rejected\"}"u8.ToArray(), "text/plain", overwrite: false));
        using var stream = new MemoryStream("tampered"u8.ToArray());
        var fromStream = await Assert.ThrowsAsync<DocumentAlreadyExistsException>(() =>
            this.CreateStore().SaveAsync("proposals/p-1/decision-record.json", stream, "text/plain", overwrite: false));

        Assert.Equal("proposals/p-1/decision-record.json", fromMemory.Path);
        Assert.Equal("proposals/p-1/decision-record.json", fromStream.Path);
        Assert.Contains("proposals/p-1/decision-record.json", fromMemory.Message, StringComparison.Ordinal);
        await using StoredDocument? document = await store.OpenAsync("proposals/p-1/decision-record.json");
        Assert.NotNull(document);
        Assert.Equal("application/json", document.ContentType);
        Assert.Equal("{\"outcome\":\"Approved\"}"u8.ToArray(), await document.ReadAllBytesAsync());
    }

    [Fact]
    public async Task Write_once_also_refuses_a_document_that_was_saved_with_overwrite_allowed()
    {
        IDocumentStore store = this.CreateStore();
        await store.SaveAsync("proposals/p-1/papers/a.txt", "first"u8.ToArray(), "text/plain", overwrite: true);

        await Assert.ThrowsAsync<DocumentAlreadyExistsException>(() => store.SaveAsync("proposals/p-1/papers/a.txt", "second"u8.ToArray(), "text/plain", overwrite: false));

        Assert.Equal("first"u8.ToArray(), await this.ReadAsync("proposals/p-1/papers/a.txt"));
    }

    [Fact]
    public async Task Overwrite_replaces_the_content_and_the_content_type()
    {
        IDocumentStore store = this.CreateStore();
        await store.SaveAsync("proposals/p-1/papers/agenda", "<p>draft</p>"u8.ToArray(), "text/html", overwrite: false);

        await this.CreateStore().SaveAsync("proposals/p-1/papers/agenda", "final, shorter"u8.ToArray(), "text/plain", overwrite: true);

        await using StoredDocument? document = await store.OpenAsync("proposals/p-1/papers/agenda");
        Assert.NotNull(document);
        Assert.Equal("text/plain", document.ContentType);
        Assert.Equal("final, shorter"u8.Length, document.Length);
        Assert.Equal("final, shorter"u8.ToArray(), await document.ReadAllBytesAsync());
    }

    [Fact]
    public async Task A_missing_document_opens_as_null_and_does_not_exist_even_where_its_path_is_a_folder()
    {
        IDocumentStore store = this.CreateStore();
        await store.SaveAsync("proposals/p-1/papers/a.pdf", "a"u8.ToArray(), Pdf, overwrite: false);

        foreach (string missing in new[] { "proposals/p-1/papers/b.pdf", "proposals/p-1/papers", "proposals/p-2/papers/a.pdf", "nothing" })
        {
            Assert.Null(await store.OpenAsync(missing));
            Assert.False(await store.ExistsAsync(missing), missing);
        }

        Assert.True(await store.ExistsAsync("proposals/p-1/papers/a.pdf"));
    }

    [Fact]
    public async Task A_path_can_be_a_document_and_the_folder_of_other_documents()
    {
        IDocumentStore store = this.CreateStore();

        await store.SaveAsync("proposals/p-1", "the proposal"u8.ToArray(), "text/plain", overwrite: false);
        await store.SaveAsync("proposals/p-1/papers/a.pdf", "a"u8.ToArray(), Pdf, overwrite: false);

        Assert.Equal("the proposal"u8.ToArray(), await this.ReadAsync("proposals/p-1"));
        Assert.Equal("a"u8.ToArray(), await this.ReadAsync("proposals/p-1/papers/a.pdf"));
        Assert.Equal(["proposals/p-1", "proposals/p-1/papers/a.pdf"], (await store.ListAsync("proposals/")).Select(d => d.Path));
    }

    [Fact]
    public async Task Listing_a_folder_prefix_returns_its_documents_in_path_order_with_types_and_lengths_and_nothing_else()
    {
        IDocumentStore store = this.CreateStore();
        await store.SaveAsync("proposals/p-1/papers/b.pdf", "bb"u8.ToArray(), Pdf, overwrite: false);
        await store.SaveAsync("proposals/p-1/papers/a.docx", "aaa"u8.ToArray(), "application/vnd.openxmlformats-officedocument.wordprocessingml.document", overwrite: false);
        await store.SaveAsync("proposals/p-1/decision-record.json", "{}"u8.ToArray(), "application/json", overwrite: false);
        await store.SaveAsync("proposals/p-10/papers/c.pdf", "c"u8.ToArray(), Pdf, overwrite: false);
        await store.SaveAsync("outbox/message.json", "{}"u8.ToArray(), "application/json", overwrite: false);

        IReadOnlyList<DocumentInfo> listed = await this.CreateStore().ListAsync("proposals/p-1/");

        Assert.Equal(
            [
                new DocumentInfo("proposals/p-1/decision-record.json", "application/json", 2),
                new DocumentInfo("proposals/p-1/papers/a.docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", 3),
                new DocumentInfo("proposals/p-1/papers/b.pdf", Pdf, 2),
            ],
            listed);
    }

    [Fact]
    public async Task Listing_matches_partial_names_and_the_empty_prefix_lists_everything()
    {
        IDocumentStore store = this.CreateStore();
        await store.SaveAsync("proposals/p-1/papers/minutes.pdf", "m"u8.ToArray(), Pdf, overwrite: false);
        await store.SaveAsync("proposals/p-1/papers/motion.pdf", "m"u8.ToArray(), Pdf, overwrite: false);
        await store.SaveAsync("proposals/p-1/papers/agenda.pdf", "a"u8.ToArray(), Pdf, overwrite: false);
        await store.SaveAsync("proposals/p-10/decision-record.json", "{}"u8.ToArray(), "application/json", overwrite: false);

        Assert.Equal(
            ["proposals/p-1/papers/minutes.pdf", "proposals/p-1/papers/motion.pdf"],
            (await store.ListAsync("proposals/p-1/papers/m")).Select(d => d.Path));
        Assert.Equal(
            ["proposals/p-1/papers/agenda.pdf", "proposals/p-1/papers/minutes.pdf", "proposals/p-1/papers/motion.pdf", "proposals/p-10/decision-record.json"],
            (await store.ListAsync("proposals/p-1")).Select(d => d.Path));
        Assert.Equal(4, (await store.ListAsync(string.Empty)).Count);
        Assert.Empty(await store.ListAsync("proposals/p-2/"));
        Assert.Empty(await store.ListAsync("elsewhere/"));
    }

    [Theory]
    [MemberData(nameof(InvalidPaths))]
    public async Task Invalid_paths_are_rejected_by_every_operation_with_a_message_naming_the_path(string path)
    {
        IDocumentStore store = this.CreateStore();
        using var stream = new MemoryStream("x"u8.ToArray());

        var exceptions = new[]
        {
            await Assert.ThrowsAnyAsync<ArgumentException>(() => store.SaveAsync(path, "x"u8.ToArray(), "text/plain", overwrite: true)),
            await Assert.ThrowsAnyAsync<ArgumentException>(() => store.SaveAsync(path, stream, "text/plain", overwrite: false)),
            await Assert.ThrowsAnyAsync<ArgumentException>(() => store.OpenAsync(path)),
            await Assert.ThrowsAnyAsync<ArgumentException>(() => store.ExistsAsync(path)),
        };

        Assert.All(exceptions, e => Assert.Equal("path", e.ParamName));
        Assert.All(exceptions, e => Assert.StartsWith("Invalid document path '", e.Message, StringComparison.Ordinal));
        Assert.Empty(await store.ListAsync(string.Empty));
    }

    [Theory]
    [MemberData(nameof(InvalidPrefixes))]
    public async Task Invalid_prefixes_are_rejected(string prefix)
    {
        ArgumentException exception = await Assert.ThrowsAnyAsync<ArgumentException>(() => this.CreateStore().ListAsync(prefix));

        Assert.Equal("prefix", exception.ParamName);
        Assert.Contains("Invalid document path prefix", exception.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(InvalidContentTypes))]
    public async Task Invalid_content_types_are_rejected_and_nothing_is_stored(string contentType)
    {
        IDocumentStore store = this.CreateStore();

        ArgumentException exception = await Assert.ThrowsAnyAsync<ArgumentException>(() => store.SaveAsync("proposals/p-1/a", "x"u8.ToArray(), contentType, overwrite: true));

        Assert.Equal("contentType", exception.ParamName);
        Assert.False(await store.ExistsAsync("proposals/p-1/a"));
    }

    [Fact]
    public async Task A_cancelled_save_stores_nothing()
    {
        IDocumentStore store = this.CreateStore();
        using var cancellation = new CancellationTokenSource();
        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => store.SaveAsync("proposals/p-1/a.pdf", RandomBytes(1000, 4), Pdf, overwrite: false, cancellation.Token));

        Assert.False(await store.ExistsAsync("proposals/p-1/a.pdf"));
        await store.SaveAsync("proposals/p-1/a.pdf", "later"u8.ToArray(), Pdf, overwrite: false);
        Assert.Equal("later"u8.ToArray(), await this.ReadAsync("proposals/p-1/a.pdf"));
    }

    [Fact]
    public async Task Concurrent_write_once_saves_of_one_path_have_exactly_one_winner_whose_content_stays()
    {
        const int Writers = 8;
        for (int round = 0; round < 4; round++)
        {
            string path = $"proposals/race-{round}/decision-record.json";
            byte[][] contents = [.. Enumerable.Range(0, Writers).Select(i => RandomBytes(64 * 1024, seed: (round * 100) + i))];
            IDocumentStore[] stores = [.. Enumerable.Range(0, Writers).Select(_ => this.CreateStore())];
            var go = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            Task[] saves = [.. Enumerable.Range(0, Writers).Select(i => Task.Run(async () =>
            {
                await go.Task;
                await stores[i].SaveAsync(path, contents[i], $"application/x-writer-{i}", overwrite: false);
            }))];

            go.SetResult();
            await Task.WhenAll(saves).ContinueWith(_ => { }, TaskScheduler.Default);

            int[] winners = [.. Enumerable.Range(0, Writers).Where(i => saves[i].IsCompletedSuccessfully)];
            int winner = Assert.Single(winners);
            Assert.All(
                saves.Where((_, i) => i != winner),
                save => Assert.IsType<DocumentAlreadyExistsException>(save.Exception?.InnerException));
            await using StoredDocument? document = await this.CreateStore().OpenAsync(path);
            Assert.NotNull(document);
            Assert.Equal($"application/x-writer-{winner}", document.ContentType);
            Assert.Equal(contents[winner], await document.ReadAllBytesAsync());
        }
    }

    [Fact]
    public async Task Concurrent_overwrites_leave_one_writers_content_with_that_writers_content_type()
    {
        const int Writers = 6;
        const string Path = "proposals/p-1/papers/contested.bin";
        byte[][] contents = [.. Enumerable.Range(0, Writers).Select(i => RandomBytes(32 * 1024, seed: 500 + i))];
        var go = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Task[] saves = [.. Enumerable.Range(0, Writers).Select(i => Task.Run(async () =>
        {
            IDocumentStore store = this.CreateStore();
            await go.Task;
            for (int repeat = 0; repeat < 3; repeat++)
            {
                await store.SaveAsync(Path, contents[i], $"application/x-writer-{i}", overwrite: true);
            }
        }))];

        go.SetResult();
        await Task.WhenAll(saves);

        await using StoredDocument? document = await this.CreateStore().OpenAsync(Path);
        Assert.NotNull(document);
        int writer = int.Parse(document.ContentType["application/x-writer-".Length..], System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(contents[writer], await document.ReadAllBytesAsync());
    }

    /// <summary>A new store instance over this test's storage.</summary>
    protected abstract IDocumentStore CreateStore();

    protected static byte[] RandomBytes(int length, int seed)
    {
        byte[] bytes = new byte[length];
#pragma warning disable CA5394 // Reproducible test data, not security.
        new Random(seed).NextBytes(bytes);
#pragma warning restore CA5394
        return bytes;
    }

    protected async Task<byte[]> ReadAsync(string path)
    {
        await using StoredDocument? document = await this.CreateStore().OpenAsync(path);
        Assert.NotNull(document);
        return await document.ReadAllBytesAsync();
    }
}
