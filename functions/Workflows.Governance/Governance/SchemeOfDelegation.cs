namespace Workflows.Governance.Governance;

/// <summary>What a member body lets the congress decide for it, and what it keeps for its governing body. Every decision
/// category is in exactly one of the two lists.</summary>
public sealed record SchemeOfDelegation
{
    /// <summary>The ids of the categories the congress may decide on the member body's behalf.</summary>
    public IReadOnlyList<string> Delegated { get; init; } = [];

    /// <summary>The ids of the categories only the member body's governing body may decide; a decision in one of them is
    /// significant.</summary>
    public IReadOnlyList<string> Reserved { get; init; } = [];
}
