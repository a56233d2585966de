namespace Workflows.Governance.Governance;

/// <summary>Who takes a decision. The values are the tier numbers the API reports.</summary>
public enum DecisionTier
{
    /// <summary>Tier 1: the congress decides on behalf of every member body.</summary>
    Congress = 1,

    /// <summary>Tier 2, a significant decision: every member body's governing body decides.</summary>
    GoverningBodies = 2,
}
