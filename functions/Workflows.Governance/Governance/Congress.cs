namespace Workflows.Governance.Governance;

/// <summary>The committee in common of the member bodies, which decides what they delegate to it.</summary>
public sealed record Congress
{
    /// <summary>The congress's name.</summary>
    public string Name { get; init; } = string.Empty;

    /// <summary>Who considers proposals for the congress: approves, rejects, or refers them to the member bodies.</summary>
    public Person Chair { get; init; } = new();

    /// <summary>Who is copied on the congress's notices, when there is one.</summary>
    public Person? Secretary { get; init; }
}
