using System.Globalization;
using System.Text.Json;
using Workflows.Governance.Governance;
using Workflows.Governance.Proposals;

namespace Workflows.Soak.Verification;

/// <summary>An instance's output as one line to compare: the number a synthetic orchestration returns; a proposal's
/// stage, outcome, tier and every participant's state; a governing body's decision and state. Times and names are left
/// out (they differ between runs without being wrong).</summary>
public static class OutputSummary
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>The summary of a proposal's final status.</summary>
    public static string Proposal(ProposalStage stage, ProposalOutcome? outcome, string? tier, ParticipantState? committee, ParticipantState? congress, IEnumerable<string> bodies) =>
        $"stage={stage} outcome={outcome} tier={tier} committee={committee} congress={congress} bodies={string.Join(',', bodies.Order(StringComparer.Ordinal))}";

    /// <summary>The summary of a governing body's round.</summary>
    public static string Round(ApprovalDecision? decision, ParticipantState state) => $"decision={decision} state={state}";

    /// <summary>The summary of <paramref name="serializedOutput"/>, the output of an instance of
    /// <paramref name="orchestrator"/>; a description of the problem when it cannot be read.</summary>
    public static string Of(string orchestrator, string? serializedOutput)
    {
        ArgumentNullException.ThrowIfNull(orchestrator);
        if (serializedOutput is null)
        {
            return "(no output)";
        }

        try
        {
            switch (orchestrator)
            {
                case nameof(ProposalOrchestrator):
                    ProposalStatus status = JsonSerializer.Deserialize<ProposalStatus>(serializedOutput, Json)!;
                    return Proposal(status.Stage, status.Outcome, status.Tier?.ToString(CultureInfo.InvariantCulture), status.Committee?.State, status.Congress?.State, status.Bodies.Select(b => $"{b.Id}={b.State}"));
                case nameof(GoverningBodyApprovalOrchestrator):
                    ApprovalRoundResult round = JsonSerializer.Deserialize<ApprovalRoundResult>(serializedOutput, Json)!;
                    return Round(round.Decision, round.Status.State);
                default:
                    return JsonSerializer.Deserialize<long>(serializedOutput).ToString(CultureInfo.InvariantCulture);
            }
        }
        catch (JsonException exception)
        {
            return $"(unreadable output: {exception.Message})";
        }
    }
}
