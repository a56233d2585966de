namespace Workflows.Governance.Proposals.Http;

/// <summary>A paper that passed validation, decoded.</summary>
/// <param name="Name">Its file name.</param>
/// <param name="ContentType">Its media type.</param>
/// <param name="Content">Its bytes.</param>
internal sealed record ValidatedPaper(string Name, string ContentType, byte[] Content);
