namespace Workflows.Governance.Documents;

/// <summary>Thrown by a write-once save (<c>overwrite: false</c>) when a document already exists at the path; the
/// existing document is left as it was.</summary>
public sealed class DocumentAlreadyExistsException : Exception
{
    /// <summary>Creates the exception for <paramref name="path"/>.</summary>
    public DocumentAlreadyExistsException(string path)
        : this(path, innerException: null)
    {
    }

    /// <summary>Creates the exception for <paramref name="path"/>, caused by <paramref name="innerException"/>.</summary>
    public DocumentAlreadyExistsException(string path, Exception? innerException)
        : base($"The document '{path}' already exists and is written once; it was not overwritten.", innerException)
    {
        this.Path = path;
    }

    /// <summary>The path of the existing document.</summary>
    public string Path { get; }
}
