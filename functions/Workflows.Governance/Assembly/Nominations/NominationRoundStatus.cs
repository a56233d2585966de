namespace Workflows.Governance.Assembly.Nominations;

/// <summary>A nomination round as its workflow publishes it (custom status). A CCG's entry is refreshed when its
/// nomination ends; while it runs, its own instance's status is the live one.</summary>
public sealed record NominationRoundStatus : IAssemblyRoundStatus
{
    /// <summary>The round.</summary>
    public string RoundId { get; init; } = string.Empty;

    /// <summary>Open or closed.</summary>
    public RoundState State { get; init; }

    /// <summary>When it closes (UTC).</summary>
    public DateTime ClosesAt { get; init; }

    /// <summary>Who closed it early, if an admin did.</summary>
    public string? ClosedBy { get; init; }

    /// <summary>Each CCG, in configuration order.</summary>
    public IReadOnlyList<CcgNominationStatus> Members { get; init; } = [];

    /// <summary>Where the roster's JSON is, once written.</summary>
    public string? RecordPath { get; init; }

    /// <inheritdoc/>
    public IReadOnlyList<RoundMemberState> MemberStates() => [.. this.Members.Select(m => new RoundMemberState(
        m.MemberId,
        m.MemberName,
        m.State.ToString(),
        string.Join("; ", new[]
        {
            m.Nomination is { } n ? $"{n.Name}, {n.Role}" : null,
            m.RemindersSent > 0 ? $"{m.RemindersSent} reminder(s)" : null,
            m.Escalated ? "escalated to the deputy" : null,
            m.Attempt > 1 ? $"attempt {m.Attempt}" : null,
        }.OfType<string>())))];
}
