namespace Workflows.Governance.Proposals;

/// <summary>How an approval round ended.</summary>
/// <param name="Status">The participant's final state.</param>
/// <param name="Decision">The decision taken, if any.</param>
/// <param name="Withdrawn">Whether the proposal was withdrawn while waiting.</param>
public sealed record ApprovalRoundResult(ParticipantStatus Status, ApprovalDecision? Decision, bool Withdrawn);
