namespace Workflows.Governance.Governance;

/// <summary>The board that decides, for its member body, the decisions that member body has not delegated.</summary>
public sealed record GoverningBody
{
    /// <summary>The governing body's name, as used in emails and pages.</summary>
    public string Name { get; init; } = string.Empty;

    /// <summary>Who records the governing body's decision.</summary>
    public Person Approver { get; init; } = new();

    /// <summary>Who is asked when the approver has not answered by the escalation delay; then either may decide.</summary>
    public Person Deputy { get; init; } = new();
}
