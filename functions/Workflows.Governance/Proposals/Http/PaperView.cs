namespace Workflows.Governance.Proposals.Http;

/// <summary>A paper of a proposal, with the admin route that downloads it.</summary>
/// <param name="Name">Its file name.</param>
/// <param name="ContentType">Its media type.</param>
/// <param name="Length">Its size in bytes.</param>
/// <param name="Url">Where to download it (an admin route).</param>
internal sealed record PaperView(string Name, string ContentType, long Length, Uri Url);
