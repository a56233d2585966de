namespace Workflows.Governance.Proposals;

/// <summary>A decision sent to a waiting workflow.</summary>
/// <param name="Decision">What was decided.</param>
/// <param name="DecidedBy">Who decided (a name and address, or "admin: name").</param>
/// <param name="Role">In which capacity: Chair, Approver, Deputy or Admin.</param>
/// <param name="Comment">The optional comment, or an admin's reason.</param>
/// <param name="BodyId">The participant the decision is for: "committee", "congress" or a member body's id. When set,
/// a wait for any other participant ignores it, so that a late decision for an earlier stage can never be taken as the
/// decision of the next.</param>
public sealed record DecisionEvent(ApprovalDecision Decision, string DecidedBy, string Role, string? Comment, string? BodyId = null);
