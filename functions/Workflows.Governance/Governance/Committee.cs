namespace Workflows.Governance.Governance;

/// <summary>A committee of a member body; proposals are raised by a committee and first signed off by its chair.</summary>
public sealed record Committee
{
    /// <summary>The committee's id, unique within its member body.</summary>
    public string Id { get; init; } = string.Empty;

    /// <summary>The committee's name.</summary>
    public string Name { get; init; } = string.Empty;

    /// <summary>Who signs off the committee's proposals.</summary>
    public Person Chair { get; init; } = new();
}
