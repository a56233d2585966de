using Workflows.Governance.Proposals;

namespace Workflows.Governance.Approvals;

/// <summary>What an approval page needs to know about the decision its link takes: the proposal, the participant's
/// state, and whether the workflow still waits for the decision.</summary>
public sealed record ApprovalSituation
{
    /// <summary>Where the decision stands.</summary>
    public required ApprovalSituationKind Kind { get; init; }

    /// <summary>The proposal's title.</summary>
    public required string Title { get; init; }

    /// <summary>The proposal's summary.</summary>
    public required string Summary { get; init; }

    /// <summary>The name of the committee, congress or governing body the person decides for.</summary>
    public required string ParticipantName { get; init; }

    /// <summary>The decision's deadline (UTC), when known.</summary>
    public DateTime? Deadline { get; init; }

    /// <summary>The proposal's papers.</summary>
    public IReadOnlyList<PaperReference> Papers { get; init; } = [];

    /// <summary>The participant's state: Pending, Approved, Rejected, Referred or NoResponse.</summary>
    public ParticipantState? State { get; init; }

    /// <summary>For a decision taken, who took it, without any email address.</summary>
    public string? DecidedBy { get; init; }

    /// <summary>For a decision taken, when (UTC).</summary>
    public DateTime? DecidedAt { get; init; }

    /// <summary>For <see cref="ApprovalSituationKind.Closed"/>, why the decision is no longer open.</summary>
    public string? Reason { get; init; }
}
