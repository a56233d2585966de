namespace Workflows.Governance.Proposals;

/// <summary>The input of <see cref="ProposalOrchestrator"/>: a validated proposal.</summary>
public sealed record ProposalInput
{
    /// <summary>The proposal's id (also the orchestration's instance id).</summary>
    public required string Id { get; init; }

    /// <summary>The title.</summary>
    public required string Title { get; init; }

    /// <summary>The summary.</summary>
    public required string Summary { get; init; }

    /// <summary>The decision category's id.</summary>
    public required string CategoryId { get; init; }

    /// <summary>The raising member body's id.</summary>
    public required string BodyId { get; init; }

    /// <summary>The raising committee's id.</summary>
    public required string CommitteeId { get; init; }

    /// <summary>The value in GBP, if any.</summary>
    public decimal? Value { get; init; }

    /// <summary>The papers.</summary>
    public IReadOnlyList<PaperReference> Papers { get; init; } = [];

    /// <summary>Who decides, the tiers and the timing, resolved when the proposal started.</summary>
    public required ProposalPlan Plan { get; init; }

    /// <summary>Whether the workflow anchors its email keys to its first episode (<see cref="EmailKeys.AnchorAsync"/>):
    /// true for every proposal planned since; false in the inputs of proposals started before, which keep their keys.</summary>
    public bool StableEmailKeys { get; init; }
}
