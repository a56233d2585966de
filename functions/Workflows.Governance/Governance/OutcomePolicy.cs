namespace Workflows.Governance.Governance;

/// <summary>How the governing bodies' answers to a significant decision combine into its outcome; see
/// <see cref="OutcomeTally.Outcome(OutcomePolicy)"/> for the precise rules.</summary>
public enum OutcomePolicy
{
    /// <summary>Approved only if every governing body approves; rejected as soon as one rejects. The default, because a
    /// committee in common binds only the bodies that approve.</summary>
    Unanimity,

    /// <summary>Approved when more than half of all the governing bodies approve.</summary>
    Majority,
}
