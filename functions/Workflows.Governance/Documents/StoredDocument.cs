namespace Workflows.Governance.Documents;

/// <summary>An opened document: its content as a readable stream, which the caller disposes, with its content type and
/// length. The content is the version that was current when the document was opened.</summary>
public sealed class StoredDocument : IAsyncDisposable, IDisposable
{
    /// <summary>Wraps an opened document.</summary>
    public StoredDocument(string path, string contentType, long length, Stream content)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(contentType);
        ArgumentNullException.ThrowIfNull(content);
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        this.Path = path;
        this.ContentType = contentType;
        this.Length = length;
        this.Content = content;
    }

    /// <summary>The document's path.</summary>
    public string Path { get; }

    /// <summary>The content type it was saved with.</summary>
    public string ContentType { get; }

    /// <summary>Its length in bytes.</summary>
    public long Length { get; }

    /// <summary>The content, read from the start; owned by this object.</summary>
    public Stream Content { get; }

    /// <summary>Reads the whole content into memory.</summary>
    public async Task<byte[]> ReadAllBytesAsync(CancellationToken cancellationToken = default)
    {
        using var buffer = new MemoryStream(this.Length <= int.MaxValue ? (int)this.Length : 0);
        await this.Content.CopyToAsync(buffer, cancellationToken);
        return buffer.ToArray();
    }

    /// <inheritdoc/>
    public void Dispose() => this.Content.Dispose();

    /// <inheritdoc/>
    public ValueTask DisposeAsync() => this.Content.DisposeAsync();
}
