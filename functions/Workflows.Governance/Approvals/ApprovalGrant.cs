using Workflows.Governance.Proposals;

namespace Workflows.Governance.Approvals;

/// <summary>What an approval link allows: one person to take one decision for one participant of one proposal.</summary>
/// <param name="InstanceId">The workflow instance that receives the decision (the proposal, or a governing body's approval).</param>
/// <param name="ProposalId">The proposal.</param>
/// <param name="ParticipantId">"committee", "congress" or the member body's id.</param>
/// <param name="Role">Chair, Approver or Deputy.</param>
/// <param name="Name">The person's name.</param>
/// <param name="Email">The person's address.</param>
/// <param name="Decision">The decision the link takes.</param>
public sealed record ApprovalGrant(
    string InstanceId,
    string ProposalId,
    string ParticipantId,
    string Role,
    string Name,
    string Email,
    ApprovalDecision Decision);
