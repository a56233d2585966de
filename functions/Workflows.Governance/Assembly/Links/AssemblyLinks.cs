using Workflows.Governance.Approvals;

namespace Workflows.Governance.Assembly.Links;

/// <summary>Builds the absolute links of assembly emails, on the public address approval links use.</summary>
public sealed class AssemblyLinks
{
    /// <summary>The path the links' pages are under.</summary>
    public const string Route = "/assembly/links";

    private readonly AssemblyTokens tokens;
    private readonly ApprovalLinks approvalLinks;

    /// <summary>Creates the link builder.</summary>
    public AssemblyLinks(AssemblyTokens tokens, ApprovalLinks approvalLinks)
    {
        this.tokens = tokens;
        this.approvalLinks = approvalLinks;
    }

    /// <summary>The link of <paramref name="grant"/>, valid until <paramref name="expires"/>.</summary>
    public Uri For(AssemblyGrant grant, DateTimeOffset expires) => this.approvalLinks.Absolute($"{Route}/{this.tokens.Issue(grant, expires)}");

    /// <summary>The absolute link to a path of the app.</summary>
    public Uri Absolute(string relativePath) => this.approvalLinks.Absolute(relativePath);
}
