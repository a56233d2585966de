namespace Workflows.Governance.Governance;

/// <summary>A kind of decision that schemes of delegation delegate or reserve.</summary>
public sealed record DecisionCategory
{
    /// <summary>The category's id: lowercase letters, digits and hyphens, unique in the configuration.</summary>
    public string Id { get; init; } = string.Empty;

    /// <summary>The category's name.</summary>
    public string Name { get; init; } = string.Empty;
}
