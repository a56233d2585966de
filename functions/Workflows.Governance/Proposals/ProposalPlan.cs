using Workflows.Governance.Governance;

namespace Workflows.Governance.Proposals;

/// <summary>Everything a proposal's workflow needs from the configuration, fixed when it starts so that replays never
/// see a different configuration.</summary>
public sealed record ProposalPlan
{
    /// <summary>The raising member body's name.</summary>
    public required string RaisingBodyName { get; init; }

    /// <summary>The raising committee, decided by its chair.</summary>
    public required ParticipantPlan Committee { get; init; }

    /// <summary>The congress, decided by its chair.</summary>
    public required ParticipantPlan Congress { get; init; }

    /// <summary>Every member body's governing body.</summary>
    public required IReadOnlyList<ParticipantPlan> Bodies { get; init; }

    /// <summary>The tier if the congress approves without referring.</summary>
    public required TierDecision Tier { get; init; }

    /// <summary>The tier if the congress refers the proposal.</summary>
    public required TierDecision TierIfReferred { get; init; }

    /// <summary>How the governing bodies' decisions combine.</summary>
    public OutcomePolicy Policy { get; init; }

    /// <summary>The wait between reminders.</summary>
    public TimeSpan ReminderInterval { get; init; }

    /// <summary>The wait before a governing body's request escalates to its deputy.</summary>
    public TimeSpan EscalateAfter { get; init; }

    /// <summary>The time each stage has to decide.</summary>
    public TimeSpan DecisionDeadline { get; init; }

    /// <summary>The people told of the outcome.</summary>
    public IReadOnlyList<Person> OutcomeRecipients => [this.Committee.Approver, this.Congress.Approver, .. this.Bodies.Select(b => b.Approver)];
}
