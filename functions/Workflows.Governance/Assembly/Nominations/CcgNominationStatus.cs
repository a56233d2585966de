namespace Workflows.Governance.Assembly.Nominations;

/// <summary>A CCG's nomination as its workflow publishes it (custom status) and returns it.</summary>
public sealed record CcgNominationStatus
{
    /// <summary>The CCG.</summary>
    public string MemberId { get; init; } = string.Empty;

    /// <summary>Its name.</summary>
    public string MemberName { get; init; } = string.Empty;

    /// <summary>Where it stands.</summary>
    public NominationState State { get; init; }

    /// <summary>Which invitation the CCG answers: 1, then one more each time a nomination is returned. A link of an
    /// earlier attempt is used up.</summary>
    public int Attempt { get; init; } = 1;

    /// <summary>The current nomination, once there is one.</summary>
    public Nomination? Nomination { get; init; }

    /// <summary>Who submitted it: the accountable officer, the deputy, or an admin on their behalf.</summary>
    public string? NominatedBy { get; init; }

    /// <summary>When it was submitted (UTC).</summary>
    public DateTime? NominatedAt { get; init; }

    /// <summary>Who in the design group accepted or last returned a nomination.</summary>
    public string? ReviewedBy { get; init; }

    /// <summary>Why the last nomination was returned.</summary>
    public string? ReturnReason { get; init; }

    /// <summary>How many reminders were sent.</summary>
    public int RemindersSent { get; init; }

    /// <summary>Whether the deputy has been asked as well.</summary>
    public bool Escalated { get; init; }

    /// <summary>When the round closes (UTC).</summary>
    public DateTime ClosesAt { get; init; }

    /// <summary>Whether the CCG's part of the round is over.</summary>
    public bool Finished => this.State is NominationState.Accepted or NominationState.Unreviewed or NominationState.NoNomination;
}
