using System.Runtime.InteropServices;
using System.Text.Json;

namespace Workflows.Governance.Documents;

/// <summary>The embedded default store: one file per document under a folder (<c>{DataDirectory}/documents</c>), at the
/// document's path with a <c>~doc</c> suffix, holding a one-line JSON header (the content type) and then the content.
/// Content type and content sit in one file so that a save commits both with one atomic rename: a save writes a
/// temporary file in the target folder, flushes it to disk and moves it into place; a write-once save moves it without
/// replacing (a hard link on Unix), so of concurrent writers, also in other processes, exactly one wins.</summary>
public sealed class LocalFolderDocumentStore : IDocumentStore
{
    /// <summary>Appended to a document's last segment to name its file; <c>~</c> is not allowed in document paths, so no
    /// document's folder can have a file's name (<c>a/b</c> and <c>a/b/c</c> can both be documents).</summary>
    public const string FileSuffix = "~doc";

    private const int HeaderFormat = 1;
    private const int MaxHeaderBytes = 1024;
    private const int BufferSize = 81920;

    private readonly ILogger<LocalFolderDocumentStore> logger;

    /// <summary>Creates a store under <paramref name="rootDirectory"/>, which is created when the first document is
    /// saved.</summary>
    public LocalFolderDocumentStore(string rootDirectory, ILogger<LocalFolderDocumentStore> logger)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(rootDirectory);
        ArgumentNullException.ThrowIfNull(logger);
        this.RootDirectory = Path.TrimEndingDirectorySeparator(Path.GetFullPath(rootDirectory));
        this.logger = logger;
    }

    /// <summary>The absolute folder documents are stored under.</summary>
    public string RootDirectory { get; }

    /// <inheritdoc/>
    public async Task SaveAsync(string path, Stream content, string contentType, bool overwrite, CancellationToken cancellationToken = default)
    {
        DocumentPath.Validate(path);
        ArgumentNullException.ThrowIfNull(content);
        DocumentContentType.Validate(contentType);
        cancellationToken.ThrowIfCancellationRequested();

        string target = this.FileOf(path);
        if (!overwrite && File.Exists(target))
        {
            // Fails fast without reading the content; the move below is what makes write-once hold under races.
            throw this.AlreadyExists(path, innerException: null);
        }

        string folder = Path.GetDirectoryName(target)!;
        Directory.CreateDirectory(folder);
        string temporary = Path.Combine(folder, $".{Guid.NewGuid():N}.tmp");
        try
        {
            var options = new FileStreamOptions
            {
                Mode = FileMode.CreateNew,
                Access = FileAccess.Write,
                Share = FileShare.None,
                Options = FileOptions.Asynchronous,
                BufferSize = BufferSize,
            };
            await using (var file = new FileStream(temporary, options))
            {
                await file.WriteAsync(Header(contentType), cancellationToken);
                await content.CopyToAsync(file, BufferSize, cancellationToken);
                await file.FlushAsync(cancellationToken);
                file.Flush(flushToDisk: true);
            }

            cancellationToken.ThrowIfCancellationRequested();
            if (overwrite)
            {
                File.Move(temporary, target, overwrite: true);
            }
            else
            {
                // File.Move without overwrite is atomic only where the file system supports hard links; an exclusive
                // lock on a sidecar lock file (flock across processes) makes check-then-move atomic everywhere.
                await using (await AcquireLockAsync(target + ".lock", cancellationToken))
                {
                    if (File.Exists(target))
                    {
                        throw this.AlreadyExists(path, innerException: null);
                    }

                    File.Move(temporary, target, overwrite: true);
                }
            }

            DocumentsLog.Saved(this.logger, path, contentType);
        }
        finally
        {
            TryDelete(temporary);
        }
    }

    private static async Task<FileStream> AcquireLockAsync(string lockFile, CancellationToken cancellationToken)
    {
        for (int attempt = 0; ; attempt++)
        {
            try
            {
                return new FileStream(lockFile, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (attempt < 500)
            {
                await Task.Delay(10, cancellationToken);
            }
        }
    }

    /// <inheritdoc/>
    public async Task SaveAsync(string path, ReadOnlyMemory<byte> content, string contentType, bool overwrite, CancellationToken cancellationToken = default)
    {
        using MemoryStream stream = MemoryMarshal.TryGetArray(content, out ArraySegment<byte> segment)
            ? new MemoryStream(segment.Array!, segment.Offset, segment.Count, writable: false)
            : new MemoryStream(content.ToArray(), writable: false);
        await this.SaveAsync(path, stream, contentType, overwrite, cancellationToken);
    }

    /// <inheritdoc/>
    public async Task<StoredDocument?> OpenAsync(string path, CancellationToken cancellationToken = default)
    {
        DocumentPath.Validate(path);
        cancellationToken.ThrowIfCancellationRequested();
        return await OpenFileAsync(this.FileOf(path), path, cancellationToken);
    }

    /// <inheritdoc/>
    public Task<bool> ExistsAsync(string path, CancellationToken cancellationToken = default)
    {
        DocumentPath.Validate(path);
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(File.Exists(this.FileOf(path)));
    }

    /// <inheritdoc/>
    public async Task<IReadOnlyList<DocumentInfo>> ListAsync(string prefix, CancellationToken cancellationToken = default)
    {
        DocumentPath.ValidatePrefix(prefix);
        int lastSlash = prefix.LastIndexOf('/');
        string folder = lastSlash < 0 ? this.RootDirectory : Path.Combine(this.RootDirectory, prefix[..lastSlash]);
        var documents = new List<DocumentInfo>();
        if (!Directory.Exists(folder))
        {
            return documents;
        }

        var enumeration = new EnumerationOptions { RecurseSubdirectories = true, MatchType = MatchType.Simple, IgnoreInaccessible = true };
        foreach (string file in Directory.EnumerateFiles(folder, "*" + FileSuffix, enumeration))
        {
            cancellationToken.ThrowIfCancellationRequested();
            string relative = Path.GetRelativePath(this.RootDirectory, file).Replace(Path.DirectorySeparatorChar, '/');
            string path = relative[..^FileSuffix.Length];
            if (!path.StartsWith(prefix, StringComparison.Ordinal) || !DocumentPath.IsValid(path))
            {
                continue;
            }

            try
            {
                await using StoredDocument? document = await OpenFileAsync(file, path, cancellationToken);
                if (document is not null)
                {
                    documents.Add(new DocumentInfo(path, document.ContentType, document.Length));
                }
            }
            catch (InvalidDataException exception)
            {
                DocumentsLog.UnreadableFile(this.logger, file, exception);
            }
        }

        documents.Sort((a, b) => string.CompareOrdinal(a.Path, b.Path));
        return documents;
    }

    private static async Task<StoredDocument?> OpenFileAsync(string file, string path, CancellationToken cancellationToken)
    {
        FileStream stream;
        try
        {
            // FileShare.Delete: an overwrite may replace the file while it is being read; the reader keeps the old one.
            stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, BufferSize, FileOptions.Asynchronous);
        }
        catch (Exception exception) when (exception is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }

        try
        {
            (string contentType, int headerLength) = await ReadHeaderAsync(stream, file, cancellationToken);
            long length = stream.Length - headerLength;
            return new StoredDocument(path, contentType, length, new DocumentFileStream(stream, headerLength, length));
        }
        catch
        {
            await stream.DisposeAsync();
            throw;
        }
    }

    private static async Task<(string ContentType, int HeaderLength)> ReadHeaderAsync(FileStream stream, string file, CancellationToken cancellationToken)
    {
        byte[] buffer = new byte[MaxHeaderBytes];
        int read = await stream.ReadAtLeastAsync(buffer, buffer.Length, throwOnEndOfStream: false, cancellationToken);
        int newline = Array.IndexOf(buffer, (byte)'\n', 0, read);
        string? contentType = null;
        if (newline > 0)
        {
            try
            {
                using JsonDocument header = JsonDocument.Parse(buffer.AsMemory(0, newline));
                if (header.RootElement.ValueKind == JsonValueKind.Object
                    && header.RootElement.TryGetProperty("contentType", out JsonElement value)
                    && value.ValueKind == JsonValueKind.String)
                {
                    contentType = value.GetString();
                }
            }
            catch (JsonException)
            {
            }
        }

        return contentType is null
            ? throw new InvalidDataException($"The document file '{file}' does not start with a document header.")
            : (contentType, newline + 1);
    }

    private static byte[] Header(string contentType)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteNumber("format", HeaderFormat);
            writer.WriteString("contentType", contentType);
            writer.WriteEndObject();
        }

        // The writer escapes control characters, so the header has no newline of its own.
        buffer.WriteByte((byte)'\n');
        return buffer.ToArray();
    }

    private static void TryDelete(string file)
    {
        try
        {
            File.Delete(file);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    private DocumentAlreadyExistsException AlreadyExists(string path, Exception? innerException)
    {
        DocumentsLog.AlreadyExists(this.logger, path);
        return new DocumentAlreadyExistsException(path, innerException);
    }

    private string FileOf(string path)
    {
        // The path is valid: relative, no '.' or '..' segments, no backslash; the check below is defence in depth.
        string file = Path.GetFullPath(Path.Combine(this.RootDirectory, path + FileSuffix));
        return file.StartsWith(this.RootDirectory + Path.DirectorySeparatorChar, StringComparison.Ordinal)
            ? file
            : throw new ArgumentException($"Invalid document path '{path}': it leads outside the document folder.", nameof(path));
    }
}
