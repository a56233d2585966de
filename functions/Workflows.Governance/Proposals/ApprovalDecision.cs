namespace Workflows.Governance.Proposals;

/// <summary>A decision an approver can take.</summary>
public enum ApprovalDecision
{
    /// <summary>Approve.</summary>
    Approve,

    /// <summary>Reject.</summary>
    Reject,

    /// <summary>Refer to the member bodies' governing bodies (the congress only).</summary>
    Refer,
}
