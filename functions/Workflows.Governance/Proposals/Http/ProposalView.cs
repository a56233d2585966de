using Workflows.Governance.Governance;

namespace Workflows.Governance.Proposals.Http;

/// <summary>The answer of <c>GET /api/proposals/{id}</c>.</summary>
internal sealed record ProposalView
{
    public required string Id { get; init; }

    public required string Title { get; init; }

    /// <summary>CommitteeSignOff, Congress, GoverningBodies or Decided.</summary>
    public required string Stage { get; init; }

    /// <summary>1 (decided at the congress), 2 (significant) or null before the congress decided.</summary>
    public int? Tier { get; init; }

    public string? TierReason { get; init; }

    /// <summary>Null until decided; then Approved, Rejected, Lapsed or Withdrawn.</summary>
    public ProposalOutcome? Outcome { get; init; }

    /// <summary>The deadline of the decisions pending now (UTC).</summary>
    public DateTime? Deadline { get; init; }

    /// <summary>The governing bodies, once the proposal reached them; their live state while they decide.</summary>
    public required IReadOnlyList<ParticipantView> Bodies { get; init; }

    public required ParticipantView Committee { get; init; }

    /// <summary>Null until the proposal reached the congress.</summary>
    public ParticipantView? Congress { get; init; }

    public required ProposalTallyView Tally { get; init; }

    public required string Summary { get; init; }

    public required ProposalCategoryView Category { get; init; }

    public required ProposalRaisedByView RaisedBy { get; init; }

    public decimal? Value { get; init; }

    public required IReadOnlyList<PaperView> Papers { get; init; }

    /// <summary>The workflow's runtime status: Pending, Running, Completed, Failed, Terminated or Suspended.</summary>
    public required string RuntimeStatus { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset LastUpdatedAt { get; init; }

    /// <summary>The public decision record, once decided (404 until it is written).</summary>
    public Uri? DecisionRecordUrl { get; init; }
}
