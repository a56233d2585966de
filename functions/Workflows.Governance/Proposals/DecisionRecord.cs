namespace Workflows.Governance.Proposals;

/// <summary>The permanent record of a proposal's decision, written once as JSON and HTML.</summary>
/// <param name="ProposalId">The proposal.</param>
/// <param name="Title">Its title.</param>
/// <param name="Summary">Its summary.</param>
/// <param name="CategoryId">Its decision category.</param>
/// <param name="BodyId">The raising member body.</param>
/// <param name="CommitteeId">The raising committee.</param>
/// <param name="Value">Its value in GBP, if any.</param>
/// <param name="Papers">Its papers.</param>
/// <param name="Status">The final status: outcome, tier, every decision.</param>
/// <param name="DecidedAt">When the outcome was recorded (UTC).</param>
public sealed record DecisionRecord(
    string ProposalId,
    string Title,
    string Summary,
    string CategoryId,
    string BodyId,
    string CommitteeId,
    decimal? Value,
    IReadOnlyList<PaperReference> Papers,
    ProposalStatus Status,
    DateTime DecidedAt)
{
    /// <summary>Where the JSON record of a proposal is kept.</summary>
    public static string JsonPath(string proposalId) => $"proposals/{proposalId}/decision-record.json";

    /// <summary>Where the HTML record of a proposal is kept.</summary>
    public static string HtmlPath(string proposalId) => $"proposals/{proposalId}/decision-record.html";
}
