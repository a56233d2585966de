namespace Workflows.Governance.Governance;

/// <summary>Where one governing body stands on a significant decision.</summary>
public enum BodyApprovalState
{
    /// <summary>Asked, and not answered yet.</summary>
    Pending,

    /// <summary>The approver or the deputy approved.</summary>
    Approved,

    /// <summary>The approver or the deputy rejected.</summary>
    Rejected,

    /// <summary>Nobody answered by the deadline.</summary>
    NoResponse,
}
