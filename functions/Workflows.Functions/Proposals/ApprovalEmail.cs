using Workflows.Functions.Governance;

namespace Workflows.Functions.Proposals;

/// <summary>The input of <see cref="SendApprovalEmailActivity"/>.</summary>
public sealed record ApprovalEmail
{
    /// <summary>Request, reminder or escalation.</summary>
    public ApprovalEmailKind Kind { get; init; }

    /// <summary>The workflow instance the decision goes to.</summary>
    public required string InstanceId { get; init; }

    /// <summary>The proposal.</summary>
    public required string ProposalId { get; init; }

    /// <summary>The proposal's title.</summary>
    public required string Title { get; init; }

    /// <summary>The proposal's summary.</summary>
    public required string Summary { get; init; }

    /// <summary>Who is asked, for which participant, in which role.</summary>
    public required ParticipantPlan Participant { get; init; }

    /// <summary>The person the email goes to (the approver, or the deputy).</summary>
    public required Person Recipient { get; init; }

    /// <summary>The recipient's role: Chair, Approver or Deputy.</summary>
    public required string Role { get; init; }

    /// <summary>The decisions offered.</summary>
    public required IReadOnlyList<ApprovalDecision> Decisions { get; init; }

    /// <summary>The deadline (UTC); links expire then.</summary>
    public DateTime Deadline { get; init; }

    /// <summary>For reminders, their number.</summary>
    public int ReminderNumber { get; init; }

    /// <summary>What identifies this email across redeliveries of its activity (see <see cref="EmailKeys"/>); empty in
    /// the template a round copies for each email.</summary>
    public string IdempotencyKey { get; init; } = string.Empty;
}
