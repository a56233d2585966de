using Workflows.Governance.Governance;

namespace Workflows.Governance.Assembly.WorkProgramme;

/// <summary>What a work-programme round starts with: the members, the groups with their capacities, who gets the
/// allocation, and its timings.</summary>
public sealed record WorkProgrammeInput
{
    /// <summary>The round's id, also its instance id.</summary>
    public string RoundId { get; init; } = string.Empty;

    /// <summary>The assembly's name, for the emails.</summary>
    public string AssemblyName { get; init; } = string.Empty;

    /// <summary>The members invited, through their leads.</summary>
    public IReadOnlyList<MemberContact> Members { get; init; } = [];

    /// <summary>The groups, in configuration order.</summary>
    public IReadOnlyList<WorkProgrammeGroup> Groups { get; init; } = [];

    /// <summary>The design group's members, who receive the whole allocation.</summary>
    public IReadOnlyList<Person> DesignGroup { get; init; } = [];

    /// <summary>When interest closes (UTC).</summary>
    public DateTime ClosesAt { get; init; }

    /// <summary>How long before the close the members who have not answered are reminded.</summary>
    public TimeSpan ReminderBeforeClose { get; init; }

    /// <summary>The nomination round whose roster the members come from, if any.</summary>
    public string? NominationRoundId { get; init; }

    /// <summary>Whether the round anchors its email keys to its first episode (see <c>EmailKeys.AnchorAsync</c>): true for
    /// rounds started since; false in the inputs of rounds started before, which keep their keys.</summary>
    public bool StableEmailKeys { get; init; }
}
