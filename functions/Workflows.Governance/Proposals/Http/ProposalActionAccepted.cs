namespace Workflows.Governance.Proposals.Http;

/// <summary>The answer to an admin action: what was sent where. The workflows act on it shortly; GET the proposal to
/// see the effect.</summary>
/// <param name="Id">The proposal.</param>
/// <param name="Action">withdraw, deadline, decision or resend.</param>
/// <param name="Instances">The workflow instances the event was raised on.</param>
/// <param name="StatusUrl">The proposal's status route.</param>
internal sealed record ProposalActionAccepted(string Id, string Action, IReadOnlyList<string> Instances, Uri StatusUrl);
