namespace Workflows.Governance.Approvals.Pages;

/// <summary>What an approver-facing page shows.</summary>
/// <param name="Kind">The page.</param>
/// <param name="Situation">The proposal and the participant's state, when the link was readable.</param>
/// <param name="Grant">What the link takes, when it was readable.</param>
/// <param name="Form">The confirmation form's fields (the confirm page only).</param>
public sealed record ApprovalPageModel(ApprovalPageKind Kind, ApprovalSituation? Situation = null, ApprovalGrant? Grant = null, ApprovalForm? Form = null);
