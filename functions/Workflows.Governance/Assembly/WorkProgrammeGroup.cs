namespace Workflows.Governance.Assembly;

/// <summary>A smaller group of the shared work programme that member CCGs' leads join.</summary>
public sealed record WorkProgrammeGroup
{
    /// <summary>The group's id: lowercase letters, digits and hyphens, unique in the assembly.</summary>
    public string Id { get; init; } = string.Empty;

    /// <summary>The group's name.</summary>
    public string Name { get; init; } = string.Empty;

    /// <summary>How many leads the group takes; at least one.</summary>
    public int Capacity { get; init; }
}
