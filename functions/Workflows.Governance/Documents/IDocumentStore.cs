namespace Workflows.Governance.Documents;

/// <summary>Stores documents (proposal papers, decision records) by path, such as
/// <c>proposals/{instanceId}/papers/{name}</c> or <c>proposals/{instanceId}/decision-record.json</c>, each with its
/// content type. Every save is atomic: a reader sees the old document or the new one, never a partial one. Paths are
/// checked by <see cref="DocumentPath"/>; an invalid one throws an <see cref="ArgumentException"/> saying why.</summary>
public interface IDocumentStore
{
    /// <summary>Saves <paramref name="content"/> (read to its end) at <paramref name="path"/>.</summary>
    /// <param name="path">The document's path.</param>
    /// <param name="content">The content, read from its current position.</param>
    /// <param name="contentType">A media type, such as <c>application/pdf</c>.</param>
    /// <param name="overwrite">Whether to replace an existing document; when <see langword="false"/>, the save is
    /// write-once: if a document exists at the path, or another writer creates one first, it throws
    /// <see cref="DocumentAlreadyExistsException"/> and the existing document stays.</param>
    /// <param name="cancellationToken">Cancels the save; a cancelled save stores nothing.</param>
    Task SaveAsync(string path, Stream content, string contentType, bool overwrite, CancellationToken cancellationToken = default);

    /// <summary>Saves <paramref name="content"/> at <paramref name="path"/>, as
    /// <see cref="SaveAsync(string, Stream, string, bool, CancellationToken)"/> does.</summary>
    /// <param name="path">The document's path.</param>
    /// <param name="content">The content.</param>
    /// <param name="contentType">A media type, such as <c>application/json</c>.</param>
    /// <param name="overwrite">Whether to replace an existing document (see the stream overload).</param>
    /// <param name="cancellationToken">Cancels the save; a cancelled save stores nothing.</param>
    Task SaveAsync(string path, ReadOnlyMemory<byte> content, string contentType, bool overwrite, CancellationToken cancellationToken = default);

    /// <summary>Opens the document at <paramref name="path"/>, or returns <see langword="null"/> when there is none. The
    /// caller disposes the result.</summary>
    Task<StoredDocument?> OpenAsync(string path, CancellationToken cancellationToken = default);

    /// <summary>Whether a document exists at <paramref name="path"/>.</summary>
    Task<bool> ExistsAsync(string path, CancellationToken cancellationToken = default);

    /// <summary>The documents whose paths start with <paramref name="prefix"/> (ordinal, so <c>proposals/p-1/</c> does
    /// not match <c>proposals/p-10/...</c>), ordered by path; the empty prefix lists every document.</summary>
    Task<IReadOnlyList<DocumentInfo>> ListAsync(string prefix, CancellationToken cancellationToken = default);
}
