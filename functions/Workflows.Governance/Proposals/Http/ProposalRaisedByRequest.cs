namespace Workflows.Governance.Proposals.Http;

/// <summary>Who raises a proposal: the <c>raisedBy</c> object of <see cref="StartProposalRequest"/>.</summary>
public sealed record ProposalRaisedByRequest
{
    /// <summary>The member body's id.</summary>
    public string? Body { get; init; }

    /// <summary>The id of one of that member body's committees.</summary>
    public string? Committee { get; init; }
}
