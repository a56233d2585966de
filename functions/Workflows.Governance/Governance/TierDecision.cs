namespace Workflows.Governance.Governance;

/// <summary>The tier of a proposed decision and why.</summary>
/// <param name="Tier">Who decides.</param>
/// <param name="Reason">Why, in a sentence fit for an email or a status page.</param>
public sealed record TierDecision(DecisionTier Tier, string Reason)
{
    /// <summary>Whether every governing body has to decide.</summary>
    public bool IsSignificant => this.Tier == DecisionTier.GoverningBodies;
}
