namespace Workflows.Governance.Assembly.WorkProgramme;

/// <summary>A work-programme round as its workflow publishes it (custom status).</summary>
public sealed record WorkProgrammeStatus : IAssemblyRoundStatus
{
    /// <summary>The round.</summary>
    public string RoundId { get; init; } = string.Empty;

    /// <summary>Open or closed.</summary>
    public RoundState State { get; init; }

    /// <summary>When interest closes (UTC).</summary>
    public DateTime ClosesAt { get; init; }

    /// <summary>Who closed it early, if an admin did.</summary>
    public string? ClosedBy { get; init; }

    /// <summary>Whether the reminder before the close was sent.</summary>
    public bool ReminderSent { get; init; }

    /// <summary>The groups.</summary>
    public IReadOnlyList<WorkProgrammeGroup> Groups { get; init; } = [];

    /// <summary>Each member invited.</summary>
    public IReadOnlyList<MemberInterestStatus> Members { get; init; } = [];

    /// <summary>Where the allocation's JSON is, once written.</summary>
    public string? RecordPath { get; init; }

    /// <inheritdoc/>
    public IReadOnlyList<RoundMemberState> MemberStates() => [.. this.Members.Select(m => new RoundMemberState(
        m.MemberId,
        m.MemberName,
        m.PlacedIn is { } group ? $"Placed: {group}" : this.State == RoundState.Closed && m.Expressed ? "Unplaced" : m.Expressed ? "Expressed interest" : "Invited",
        string.Join(", ", m.Preferences)))];
}
