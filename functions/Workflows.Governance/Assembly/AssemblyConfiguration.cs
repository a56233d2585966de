using System.Text.Json.Serialization;

namespace Workflows.Governance.Assembly;

/// <summary>The commissioning assembly in force: its member CCGs, its design group and the groups of its shared work
/// programme. Read from the built-in assembly, or from the file that <c>Assembly:ConfigurationFile</c> names, and
/// validated at start.</summary>
public sealed record AssemblyConfiguration
{
    /// <summary>The configuration section of the assembly's settings.</summary>
    public const string SectionName = "Assembly";

    /// <summary>The configuration key of an optional path (relative to the working directory) of a JSON file that replaces
    /// the built-in assembly.</summary>
    public const string ConfigurationFileKey = SectionName + ":ConfigurationFile";

    /// <summary>The assembly's name, as used in emails and pages.</summary>
    public string Name { get; init; } = string.Empty;

    /// <summary>The member CCGs, in the order they are listed to people.</summary>
    public IReadOnlyList<MemberCcg> Members { get; init; } = [];

    /// <summary>The design group, which reviews nominations and receives the summaries of views.</summary>
    public DesignGroup DesignGroup { get; init; } = new();

    /// <summary>The groups of the shared work programme.</summary>
    public IReadOnlyList<WorkProgrammeGroup> Groups { get; init; } = [];

    /// <summary>Where the configuration was read from, for messages.</summary>
    [JsonIgnore]
    public string Source { get; init; } = string.Empty;

    /// <summary>The member CCG with the given id, or <see langword="null"/>.</summary>
    public MemberCcg? FindMember(string memberId) =>
        this.Members.FirstOrDefault(m => string.Equals(m.Id, memberId, StringComparison.Ordinal));

    /// <summary>The work-programme group with the given id, or <see langword="null"/>.</summary>
    public WorkProgrammeGroup? FindGroup(string groupId) =>
        this.Groups.FirstOrDefault(g => string.Equals(g.Id, groupId, StringComparison.Ordinal));
}
