namespace Workflows.Governance.Proposals;

/// <summary>The state of one decision-maker of a proposal: the committee chair, the congress chair or a governing body.</summary>
public sealed record ParticipantStatus
{
    /// <summary>"committee", "congress", or a member body's id.</summary>
    public required string Id { get; init; }

    /// <summary>The name shown to people.</summary>
    public required string Name { get; init; }

    /// <summary>Where the participant stands.</summary>
    public ParticipantState State { get; init; } = ParticipantState.Pending;

    /// <summary>Who decided.</summary>
    public string? DecidedBy { get; init; }

    /// <summary>When they decided (UTC).</summary>
    public DateTime? DecidedAt { get; init; }

    /// <summary>Their comment, or an admin's reason.</summary>
    public string? Comment { get; init; }

    /// <summary>How many reminders were sent.</summary>
    public int RemindersSent { get; init; }

    /// <summary>Whether the request was escalated to the deputy.</summary>
    public bool Escalated { get; init; }

    /// <summary>The deadline of this decision (UTC).</summary>
    public DateTime? Deadline { get; init; }
}
