namespace Workflows.Governance.Assembly.WorkProgramme;

/// <summary>The outcome of a work-programme round: each group's members, who could not be placed, and who expressed no
/// interest.</summary>
public sealed record WorkProgrammeAllocation
{
    /// <summary>The round.</summary>
    public string RoundId { get; init; } = string.Empty;

    /// <summary>When the round closed (UTC).</summary>
    public DateTime ClosedAt { get; init; }

    /// <summary>Every group, in configuration order.</summary>
    public IReadOnlyList<GroupAllocation> Groups { get; init; } = [];

    /// <summary>Members who expressed interest but whose every preferred group was full, in priority order.</summary>
    public IReadOnlyList<InterestExpression> Unplaced { get; init; } = [];

    /// <summary>Members invited who expressed no interest by the close (id and name).</summary>
    public IReadOnlyList<MemberReference> NoResponse { get; init; } = [];

    /// <summary>The group a member was placed in, or <see langword="null"/>.</summary>
    public GroupAllocation? GroupOf(string memberId) =>
        this.Groups.FirstOrDefault(g => g.Members.Any(m => string.Equals(m.MemberId, memberId, StringComparison.Ordinal)));
}
