namespace Workflows.Governance.Approvals;

/// <summary>How long the <see cref="IRaisedDecisionLedger"/> holds a claim and a raised mark.</summary>
/// <param name="Claim">How long a claim keeps other confirmations waiting: far beyond the time a live process takes from
/// claiming to raising, so that only a process that died in between (or one stalled for that long) is taken over.</param>
/// <param name="Raised">How long a raised mark keeps other confirmations off once nobody has seen the decision recorded:
/// far beyond the time a running workflow takes to record an event.</param>
public sealed record DecisionMarkLifetimes(TimeSpan Claim, TimeSpan Raised)
{
    /// <summary>The lifetimes both hosts use: a 15 s claim, a 1 h raised mark.</summary>
    public static DecisionMarkLifetimes Default { get; } = new(TimeSpan.FromSeconds(15), TimeSpan.FromHours(1));

    /// <summary>Throws unless both lifetimes are positive.</summary>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(this.Claim, TimeSpan.Zero, nameof(this.Claim));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(this.Raised, TimeSpan.Zero, nameof(this.Raised));
    }
}
