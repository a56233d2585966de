namespace Workflows.Governance.Assembly.WorkProgramme;

/// <summary>Where one member stands in a work-programme round.</summary>
public sealed record MemberInterestStatus
{
    /// <summary>The member CCG.</summary>
    public string MemberId { get; init; } = string.Empty;

    /// <summary>Its name.</summary>
    public string MemberName { get; init; } = string.Empty;

    /// <summary>Its current preferences, most wanted first; empty until it answers.</summary>
    public IReadOnlyList<string> Preferences { get; init; } = [];

    /// <summary>How many times it answered.</summary>
    public int Revisions { get; init; }

    /// <summary>When its current preferences arrived (UTC); this is its priority in the allocation.</summary>
    public DateTime? SubmittedAt { get; init; }

    /// <summary>Who sent them.</summary>
    public string? SubmittedBy { get; init; }

    /// <summary>After the close, the group it was placed in, if any.</summary>
    public string? PlacedIn { get; init; }

    /// <summary>Whether it has expressed interest.</summary>
    public bool Expressed => this.Revisions > 0;
}
