namespace Workflows.Governance.Proposals.Http;

/// <summary>A start request that passed validation: every id known, every paper decoded.</summary>
/// <param name="Id">The requested id, or null to generate one.</param>
/// <param name="Title">The title, trimmed.</param>
/// <param name="Summary">The summary, trimmed.</param>
/// <param name="CategoryId">The decision category.</param>
/// <param name="BodyId">The raising member body.</param>
/// <param name="CommitteeId">The raising committee.</param>
/// <param name="Value">The value in GBP, if any.</param>
/// <param name="Papers">The papers.</param>
internal sealed record ValidatedProposal(
    string? Id,
    string Title,
    string Summary,
    string CategoryId,
    string BodyId,
    string CommitteeId,
    decimal? Value,
    IReadOnlyList<ValidatedPaper> Papers);
