namespace Workflows.Governance.Assembly.Consultations;

/// <summary>Where one member stands in a consultation.</summary>
public sealed record MemberResponseStatus
{
    /// <summary>The member CCG.</summary>
    public string MemberId { get; init; } = string.Empty;

    /// <summary>Its name.</summary>
    public string MemberName { get; init; } = string.Empty;

    /// <summary>How many responses it sent: 0 until it responds, then one more for each revision.</summary>
    public int Revisions { get; init; }

    /// <summary>When its latest response arrived (UTC).</summary>
    public DateTime? RespondedAt { get; init; }

    /// <summary>Who sent its latest response.</summary>
    public string? RespondedBy { get; init; }

    /// <summary>Its latest position on each document, by document id.</summary>
    public IReadOnlyDictionary<string, Position> Positions { get; init; } = new Dictionary<string, Position>();

    /// <summary>Whether it has responded.</summary>
    public bool Responded => this.Revisions > 0;
}
