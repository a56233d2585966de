namespace Workflows.Governance.Proposals;

/// <summary>The kinds of email an approval round sends.</summary>
public enum ApprovalEmailKind
{
    /// <summary>The first request.</summary>
    Request,

    /// <summary>A reminder of a pending request.</summary>
    Reminder,

    /// <summary>The request, escalated to the deputy.</summary>
    Escalation,
}
