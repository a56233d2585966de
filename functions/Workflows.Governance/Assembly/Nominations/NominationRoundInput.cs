using Workflows.Governance.Governance;

namespace Workflows.Governance.Assembly.Nominations;

/// <summary>What a nomination round starts with: the CCGs invited, who reviews, and its timings.</summary>
public sealed record NominationRoundInput
{
    /// <summary>The round's id, also its instance id.</summary>
    public string RoundId { get; init; } = string.Empty;

    /// <summary>The assembly's name, for the emails.</summary>
    public string AssemblyName { get; init; } = string.Empty;

    /// <summary>The CCGs invited to nominate.</summary>
    public IReadOnlyList<MemberCcg> Members { get; init; } = [];

    /// <summary>The design group's members, who review the nominations.</summary>
    public IReadOnlyList<Person> DesignGroup { get; init; } = [];

    /// <summary>When the round closes (UTC).</summary>
    public DateTime ClosesAt { get; init; }

    /// <summary>How often a CCG that has not nominated is reminded.</summary>
    public TimeSpan ReminderInterval { get; init; }

    /// <summary>How long after the invitation the CCG's deputy is asked as well.</summary>
    public TimeSpan EscalateAfter { get; init; }

    /// <summary>Whether the round anchors its email keys to its first episode (see <c>EmailKeys.AnchorAsync</c>): true for
    /// rounds started since; false in the inputs of rounds started before, which keep their keys.</summary>
    public bool StableEmailKeys { get; init; }
}
