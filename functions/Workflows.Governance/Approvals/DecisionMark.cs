namespace Workflows.Governance.Approvals;

/// <summary>What the <see cref="IRaisedDecisionLedger"/> holds for a participant's decision.</summary>
public enum DecisionMark
{
    /// <summary>Nothing, or only a lapsed claim or mark: a confirmation may claim the decision.</summary>
    None,

    /// <summary>A confirmation claimed the decision and is raising it (or died doing so, until the claim lapses).</summary>
    Claimed,

    /// <summary>The decision was raised to the workflow: its event is stored and the workflow will record it.</summary>
    Raised,
}
