namespace Workflows.Governance.Documents;

/// <summary>A stored document as a listing describes it.</summary>
/// <param name="Path">The document's path, such as <c>proposals/p-1/papers/report.pdf</c>.</param>
/// <param name="ContentType">The content type it was saved with.</param>
/// <param name="Length">Its length in bytes.</param>
public sealed record DocumentInfo(string Path, string ContentType, long Length);
