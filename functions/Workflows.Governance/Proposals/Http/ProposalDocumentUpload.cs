namespace Workflows.Governance.Proposals.Http;

/// <summary>A paper uploaded with a proposal: one item of the <c>documents</c> array of <see cref="StartProposalRequest"/>.</summary>
public sealed record ProposalDocumentUpload
{
    /// <summary>The file name: ASCII letters, digits, spaces and <c>- _ . ( ) + , = @</c>, not starting with '.'.</summary>
    public string? Name { get; init; }

    /// <summary>Its media type, such as <c>application/pdf</c>.</summary>
    public string? ContentType { get; init; }

    /// <summary>Its content, base64-encoded.</summary>
    public string? ContentBase64 { get; init; }
}
