using Workflows.Governance.Governance;

namespace Workflows.Governance.Assembly;

/// <summary>The CCG clinical leaders and board executives who steer the assembly: they review nominations and receive
/// the summaries of consultations and the work-programme allocation.</summary>
public sealed record DesignGroup
{
    /// <summary>The group's name.</summary>
    public string Name { get; init; } = string.Empty;

    /// <summary>Its members, each emailed what the design group is sent.</summary>
    public IReadOnlyList<Person> Members { get; init; } = [];
}
