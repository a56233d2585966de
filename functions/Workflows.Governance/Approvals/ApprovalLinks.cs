using Microsoft.Extensions.Options;
using Workflows.Governance.Proposals;

namespace Workflows.Governance.Approvals;

/// <summary>Builds the absolute approval links put in emails.</summary>
public sealed class ApprovalLinks
{
    private readonly ApprovalTokens tokens;
    private readonly Uri baseUrl;

    /// <summary>Creates the link builder.</summary>
    public ApprovalLinks(ApprovalTokens tokens, IOptions<ApprovalOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        this.tokens = tokens;
        this.baseUrl = new Uri(options.Value.PublicBaseUrl.TrimEnd('/') + "/", UriKind.Absolute);
    }

    /// <summary>The link that takes <paramref name="decision"/> for the grant's person, valid until the deadline.</summary>
    public Uri For(ApprovalGrant grant, ApprovalDecision decision, DateTimeOffset deadline)
    {
        ArgumentNullException.ThrowIfNull(grant);
        return new Uri(this.baseUrl, "approvals/" + this.tokens.Issue(grant with { Decision = decision }, deadline));
    }

    /// <summary>The absolute link to a path of the app (a paper, a decision record).</summary>
    public Uri Absolute(string relativePath) => new(this.baseUrl, relativePath.TrimStart('/'));
}
