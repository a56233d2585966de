namespace Workflows.Governance.Proposals;

/// <summary>The input of <see cref="GoverningBodyApprovalOrchestrator"/>.</summary>
public sealed record BodyApprovalInput
{
    /// <summary>The proposal.</summary>
    public required string ProposalId { get; init; }

    /// <summary>The proposal's title.</summary>
    public required string Title { get; init; }

    /// <summary>The proposal's summary.</summary>
    public required string Summary { get; init; }

    /// <summary>The governing body, its approver and deputy.</summary>
    public required ParticipantPlan Body { get; init; }

    /// <summary>The deadline (UTC).</summary>
    public DateTime Deadline { get; init; }

    /// <summary>The wait between reminders.</summary>
    public TimeSpan ReminderInterval { get; init; }

    /// <summary>The wait before the request escalates to the deputy.</summary>
    public TimeSpan EscalateAfter { get; init; }

    /// <summary>Whether the round anchors its email keys to its first episode, as its proposal does.</summary>
    public bool StableEmailKeys { get; init; }
}
