namespace Workflows.Governance.Assembly.Consultations;

/// <summary>A draft document consulted on, stored in the documents store.</summary>
/// <param name="Id">Its id within the consultation: lowercase letters, digits and hyphens.</param>
/// <param name="Title">Its title, such as "Draft shared statement of intent".</param>
/// <param name="FileName">The stored file's name.</param>
/// <param name="ContentType">The stored file's content type.</param>
/// <param name="Path">Where the documents store keeps it.</param>
/// <param name="Length">Its length in bytes.</param>
public sealed record DraftDocument(string Id, string Title, string FileName, string ContentType, string Path, long Length);
