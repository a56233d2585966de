using Workflows.Governance.Governance;

namespace Workflows.Governance.Proposals.Http;

/// <summary>One item of <c>GET /api/proposals</c>.</summary>
internal sealed record ProposalSummaryView
{
    public required string Id { get; init; }

    public required string Title { get; init; }

    public required string Stage { get; init; }

    public int? Tier { get; init; }

    public ProposalOutcome? Outcome { get; init; }

    public DateTime? Deadline { get; init; }

    public required string Category { get; init; }

    public required ProposalRaisedByView RaisedBy { get; init; }

    public decimal? Value { get; init; }

    /// <summary>As the proposal last recorded it; GET the proposal for the bodies' live state.</summary>
    public required ProposalTallyView Tally { get; init; }

    public required string RuntimeStatus { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset LastUpdatedAt { get; init; }

    /// <summary>The proposal's own route.</summary>
    public required Uri Url { get; init; }
}
