namespace Workflows.Governance.Approvals.Pages;

/// <summary>Which approver-facing page is shown.</summary>
public enum ApprovalPageKind
{
    /// <summary>The proposal and the decision, with the form that confirms it.</summary>
    Confirm,

    /// <summary>After a confirmation the workflow recorded.</summary>
    Recorded,

    /// <summary>After a confirmation not yet seen recorded.</summary>
    Received,

    /// <summary>A decision this person already took.</summary>
    AlreadyRecorded,

    /// <summary>A decision someone else already took.</summary>
    DecidedByOther,

    /// <summary>A withdrawn proposal.</summary>
    Withdrawn,

    /// <summary>A decision no longer waited for.</summary>
    Closed,

    /// <summary>A passed deadline.</summary>
    Expired,

    /// <summary>A malformed, altered or foreign link.</summary>
    InvalidLink,

    /// <summary>A confirmation whose anti-forgery check failed.</summary>
    FormRejected,

    /// <summary>A paper that is not the proposal's.</summary>
    PaperNotFound,
}
