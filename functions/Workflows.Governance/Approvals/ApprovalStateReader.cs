using Microsoft.DurableTask.Client;
using Workflows.Governance.Governance;
using Workflows.Governance.Proposals;

namespace Workflows.Governance.Approvals;

/// <summary>Works out, from the workflows' custom statuses, where the decision of an approval link stands: for the
/// committee and the congress from the proposal's <see cref="ProposalStatus"/>, for a governing body from its
/// <see cref="GoverningBodyApprovalOrchestrator"/> instance's <see cref="ParticipantStatus"/>.</summary>
internal sealed class ApprovalStateReader
{
    private readonly DurableTaskClient client;
    private readonly TimeProvider clock;

    public ApprovalStateReader(DurableTaskClient client, TimeProvider clock)
    {
        this.client = client;
        this.clock = clock;
    }

    /// <summary>How a grant's person is recorded as the one who decided (<see cref="DecisionEvent.DecidedBy"/>).</summary>
    public static string Signature(ApprovalGrant grant)
    {
        ArgumentNullException.ThrowIfNull(grant);
        return $"{grant.Name} <{grant.Email}>";
    }

    /// <summary>Whether a participant's state is a decision taken (rather than Pending or NoResponse).</summary>
    public static bool IsDecided(ParticipantState? state) => state is ParticipantState.Approved or ParticipantState.Rejected or ParticipantState.Referred;

    /// <summary>Who decided, for a page: the name without any email address ("Jane Doe &lt;jane@example.org&gt;" gives
    /// "Jane Doe"), or "someone else" when nothing else is left.</summary>
    public static string PublicName(string? decidedBy)
    {
        string text = decidedBy ?? string.Empty;
        int bracket = text.IndexOf('<', StringComparison.Ordinal);
        if (bracket >= 0)
        {
            text = text[..bracket];
        }

        string name = string.Join(' ', text.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(word => !word.Contains('@', StringComparison.Ordinal))).Trim().TrimEnd(',', ';', ':', '(').Trim();
        return name.Length == 0 ? "someone else" : name;
    }

    /// <summary>Where the decision stands, from the participant's status and the waiting workflow's state. A decision
    /// taken wins over everything (so a double click learns it was recorded), then a withdrawal, then an ended wait.</summary>
    /// <param name="participant">The participant's status, if the workflow has published one.</param>
    /// <param name="waiting">Whether the workflow that receives the decision still waits at this participant's stage.</param>
    /// <param name="withdrawn">Whether the proposal was withdrawn.</param>
    /// <param name="outcome">The proposal's outcome, if decided.</param>
    /// <param name="signature">How this person is recorded as a decider.</param>
    /// <param name="now">The current time (UTC).</param>
    public static (ApprovalSituationKind Kind, string? Reason) Classify(
        ParticipantStatus? participant, bool waiting, bool withdrawn, ProposalOutcome? outcome, string signature, DateTime now)
    {
        if (participant is not null && IsDecided(participant.State))
        {
            return string.Equals(participant.DecidedBy, signature, StringComparison.OrdinalIgnoreCase)
                ? (ApprovalSituationKind.RecordedByYou, null)
                : (ApprovalSituationKind.DecidedByOther, null);
        }

        if (withdrawn)
        {
            return (ApprovalSituationKind.Withdrawn, null);
        }

        if (participant is { State: ParticipantState.NoResponse })
        {
            return (ApprovalSituationKind.Closed, "The deadline passed without a decision, so \"no response\" was recorded.");
        }

        // A waiting workflow with no published state for this participant yet issued the (signed) link before the
        // store wrote its status (Azure Storage writes an episode's status after its activities were sent): it is open.
        if (!waiting || participant is { State: not ParticipantState.Pending })
        {
            return (ApprovalSituationKind.Closed, outcome is null
                ? "The proposal has moved on and no longer waits for this decision."
                : $"The proposal has been decided: {outcome}.");
        }

        if (participant?.Deadline is { } deadline && DateTime.SpecifyKind(deadline, DateTimeKind.Utc) <= now)
        {
            return (ApprovalSituationKind.Expired, null);
        }

        return (ApprovalSituationKind.Open, null);
    }

    /// <summary>The proposal's input (title, summary, papers, plan), or null when there is no such proposal.</summary>
    public async Task<ProposalInput?> ReadProposalAsync(string proposalId, CancellationToken cancellationToken)
    {
        OrchestrationMetadata? proposal = await this.client.GetInstanceAsync(proposalId, getInputsAndOutputs: true, cancellationToken);
        return proposal?.ReadInputAs<ProposalInput>();
    }

    /// <summary>Where the decision of <paramref name="grant"/> stands now.</summary>
    public async Task<ApprovalSituation> ReadAsync(ApprovalGrant grant, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(grant);
        OrchestrationMetadata? proposal = await this.client.GetInstanceAsync(grant.ProposalId, getInputsAndOutputs: true, cancellationToken);
        ProposalInput? input = proposal?.ReadInputAs<ProposalInput>();
        if (proposal is null || input is null)
        {
            return new ApprovalSituation
            {
                Kind = ApprovalSituationKind.Closed,
                Title = string.Empty,
                Summary = string.Empty,
                ParticipantName = string.Empty,
                Reason = "The proposal no longer exists.",
            };
        }

        ProposalStatus? status = proposal.ReadCustomStatusAs<ProposalStatus>();
        bool withdrawn = status?.Outcome == ProposalOutcome.Withdrawn;
        ParticipantStatus? participant;
        bool waiting;
        string participantName;
        if (grant.ParticipantId is "committee" or "congress")
        {
            bool committee = grant.ParticipantId == "committee";
            participant = committee ? status?.Committee : status?.Congress;
            ProposalStage stage = committee ? ProposalStage.CommitteeSignOff : ProposalStage.Congress;
            // The workflow issued this link at that stage, and stages only move on: a live workflow whose published
            // status is not there yet is one whose status the store has not caught up with (Azure Storage writes an
            // episode's status after sending its messages, so the email can arrive first). It waits for the decision.
            waiting = grant.InstanceId == grant.ProposalId && IsLive(proposal.RuntimeStatus) && (status is null || (status.Outcome is null && status.Stage <= stage));
            participantName = participant?.Name ?? (committee ? input.Plan.Committee.Name : input.Plan.Congress.Name);
        }
        else
        {
            OrchestrationMetadata? body = await this.client.GetInstanceAsync(grant.InstanceId, getInputsAndOutputs: true, cancellationToken);
            participant = body?.ReadCustomStatusAs<ParticipantStatus>();
            withdrawn |= body is { RuntimeStatus: OrchestrationRuntimeStatus.Completed } && body.ReadOutputAs<ApprovalRoundResult>() is { Withdrawn: true };
            waiting = body is not null && IsLive(body.RuntimeStatus);
            participantName = participant?.Name ?? input.Plan.Bodies.FirstOrDefault(b => b.Id == grant.ParticipantId)?.Name ?? grant.ParticipantId;
        }

        (ApprovalSituationKind kind, string? reason) = Classify(
            participant, waiting, withdrawn, status?.Outcome, Signature(grant), this.clock.GetUtcNow().UtcDateTime);
        return new ApprovalSituation
        {
            Kind = kind,
            Title = input.Title,
            Summary = input.Summary,
            ParticipantName = participantName,
            Deadline = participant?.Deadline ?? status?.Deadline,
            Papers = input.Papers,
            State = participant?.State,
            DecidedBy = participant is not null && IsDecided(participant.State) ? PublicName(participant.DecidedBy) : null,
            DecidedAt = participant?.DecidedAt,
            Reason = reason,
        };
    }

    private static bool IsLive(OrchestrationRuntimeStatus status) =>
        status is OrchestrationRuntimeStatus.Running or OrchestrationRuntimeStatus.Pending or OrchestrationRuntimeStatus.Suspended;
}
