namespace Workflows.Governance.Approvals;

/// <summary>Where the decision an approval link takes stands, as its page tells the approver.</summary>
public enum ApprovalSituationKind
{
    /// <summary>The workflow waits for this decision: the link may take it.</summary>
    Open,

    /// <summary>This person already decided for this participant.</summary>
    RecordedByYou,

    /// <summary>Someone else (the deputy, the approver, an admin) already decided for this participant.</summary>
    DecidedByOther,

    /// <summary>The proposal was withdrawn.</summary>
    Withdrawn,

    /// <summary>The decision's deadline has passed.</summary>
    Expired,

    /// <summary>The workflow no longer waits for this decision (no response recorded, or the proposal moved on or ended).</summary>
    Closed,
}
