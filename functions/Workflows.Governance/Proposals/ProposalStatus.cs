using Workflows.Governance.Governance;

namespace Workflows.Governance.Proposals;

/// <summary>The custom status of <see cref="ProposalOrchestrator"/>: always the stage and the tallies.</summary>
public sealed record ProposalStatus
{
    /// <summary>The title.</summary>
    public required string Title { get; init; }

    /// <summary>The stage.</summary>
    public ProposalStage Stage { get; init; }

    /// <summary>1 when the congress decides, 2 when every governing body does; null until known.</summary>
    public int? Tier { get; init; }

    /// <summary>Why the tier is what it is.</summary>
    public string? TierReason { get; init; }

    /// <summary>Approved, Rejected, Lapsed or Withdrawn; null until decided.</summary>
    public ProposalOutcome? Outcome { get; init; }

    /// <summary>The deadline of the decisions pending now (UTC).</summary>
    public DateTime? Deadline { get; init; }

    /// <summary>The committee chair's sign-off.</summary>
    public ParticipantStatus? Committee { get; init; }

    /// <summary>The congress chair's decision.</summary>
    public ParticipantStatus? Congress { get; init; }

    /// <summary>The governing bodies, once the proposal reached them.</summary>
    public IReadOnlyList<ParticipantStatus> Bodies { get; init; } = [];

    /// <summary>Governing bodies that approved.</summary>
    public int Approved => this.Bodies.Count(b => b.State == ParticipantState.Approved);

    /// <summary>Governing bodies that rejected.</summary>
    public int Rejected => this.Bodies.Count(b => b.State == ParticipantState.Rejected);

    /// <summary>Governing bodies still to decide.</summary>
    public int Pending => this.Bodies.Count(b => b.State == ParticipantState.Pending);

    /// <summary>Governing bodies that did not answer by the deadline.</summary>
    public int NoResponse => this.Bodies.Count(b => b.State == ParticipantState.NoResponse);
}
