using Workflows.Governance.Governance;

namespace Workflows.Governance.Assembly.Nominations;

/// <summary>What one CCG's nomination starts with.</summary>
public sealed record CcgNominationInput
{
    /// <summary>The round.</summary>
    public string RoundId { get; init; } = string.Empty;

    /// <summary>The assembly's name, for the emails.</summary>
    public string AssemblyName { get; init; } = string.Empty;

    /// <summary>The CCG, with its accountable officer and deputy.</summary>
    public MemberCcg Member { get; init; } = new();

    /// <summary>The design group's members.</summary>
    public IReadOnlyList<Person> DesignGroup { get; init; } = [];

    /// <summary>When the round closes (UTC).</summary>
    public DateTime ClosesAt { get; init; }

    /// <summary>How often the CCG is reminded while it has not nominated.</summary>
    public TimeSpan ReminderInterval { get; init; }

    /// <summary>How long after the invitation the deputy is asked as well.</summary>
    public TimeSpan EscalateAfter { get; init; }

    /// <summary>Whether the round anchors its email keys to its first episode (see <c>EmailKeys.AnchorAsync</c>): true for
    /// rounds started since; false in the inputs of rounds started before, which keep their keys.</summary>
    public bool StableEmailKeys { get; init; }
}
