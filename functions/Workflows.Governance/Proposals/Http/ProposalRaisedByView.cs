namespace Workflows.Governance.Proposals.Http;

/// <summary>Who raised a proposal.</summary>
/// <param name="Body">The member body's id.</param>
/// <param name="Committee">The committee's id.</param>
/// <param name="BodyName">The member body's name.</param>
/// <param name="CommitteeName">The committee's name, with its body's.</param>
internal sealed record ProposalRaisedByView(string Body, string Committee, string BodyName, string CommitteeName);
