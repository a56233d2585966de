namespace Workflows.Governance.Proposals;

/// <summary>A paper of a proposal, stored in the document store when the proposal started.</summary>
/// <param name="Name">The file name as uploaded.</param>
/// <param name="ContentType">Its content type.</param>
/// <param name="Path">Where the document store keeps it.</param>
/// <param name="Length">Its size in bytes.</param>
public sealed record PaperReference(string Name, string ContentType, string Path, long Length);
