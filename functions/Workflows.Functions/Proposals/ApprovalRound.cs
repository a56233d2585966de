using Microsoft.DurableTask;

namespace Workflows.Functions.Proposals;

/// <summary>Orchestration logic shared by every decision of a proposal: send the request, then wait for a decision
/// with reminders, an escalation to a deputy, a deadline, and the admin events (withdraw, extend, resend).</summary>
/// <remarks>Runs inside an orchestrator, so everything it awaits is durable and it is replayed like the rest.</remarks>
internal sealed class ApprovalRound
{
    private readonly TaskOrchestrationContext context;
    private readonly EventInbox events;
    private readonly ApprovalEmail template;
    private readonly TimeSpan reminderInterval;
    private readonly TimeSpan? escalateAfter;
    private readonly Action<ParticipantStatus> changed;
    private ParticipantStatus status;

    public ApprovalRound(
        TaskOrchestrationContext context,
        EventInbox events,
        ApprovalEmail template,
        TimeSpan reminderInterval,
        TimeSpan? escalateAfter,
        Action<ParticipantStatus> changed)
    {
        this.context = context;
        this.events = events;
        this.template = template;
        this.reminderInterval = reminderInterval;
        this.escalateAfter = template.Participant.Deputy is null ? null : escalateAfter;
        this.changed = changed;
        this.status = new ParticipantStatus { Id = template.Participant.Id, Name = template.Participant.Name, Deadline = template.Deadline };
    }

    public async Task<ApprovalRoundResult> RunAsync()
    {
        this.changed(this.status);
        DateTime started = this.context.CurrentUtcDateTime;
        DateTime deadline = this.template.Deadline;
        DateTime nextReminder = started + this.reminderInterval;
        DateTime? escalateAt = started + this.escalateAfter;
        await this.SendAsync(ApprovalEmailKind.Request, 0);

        // Bounded by the deadline: every turn waits on a timer due at the deadline at the latest.
        while (this.context.CurrentUtcDateTime < deadline)
        {
            DateTime wake = Min(deadline, nextReminder, this.status.Escalated ? null : escalateAt);
            using var cancel = new CancellationTokenSource();
            Task timer = this.context.CreateTimer(wake, cancel.Token);
            Task decision = this.events.Next(ProposalEvents.Decision);
            Task withdraw = this.events.Next(ProposalEvents.Withdraw);
            Task extend = this.events.Next(ProposalEvents.ExtendDeadline);
            Task resend = this.events.Next(ProposalEvents.Resend);
            Task winner = await Task.WhenAny(timer, decision, withdraw, extend, resend);
            if (winner != timer)
            {
                // Only the timer is given up; the event waits carry on into the next turn (see EventInbox).
                cancel.Cancel();
            }

            if (winner == decision)
            {
                DecisionEvent? taken = this.events.Take<DecisionEvent>(ProposalEvents.Decision);
                // A decision names who took it; one that does not is not a decision.
                bool forThisParticipant = taken is { DecidedBy.Length: > 0 }
                    && (taken.BodyId is null || string.Equals(taken.BodyId, this.template.Participant.Id, StringComparison.Ordinal));
                if (forThisParticipant && this.template.Decisions.Contains(taken!.Decision))
                {
                    string state = taken.Decision switch
                    {
                        ApprovalDecision.Approve => "Approved",
                        ApprovalDecision.Reject => "Rejected",
                        _ => "Referred",
                    };
                    return this.Finish(state, taken, this.context.CurrentUtcDateTime, taken.Decision);
                }
            }
            else if (winner == withdraw)
            {
                this.events.Take<string>(ProposalEvents.Withdraw);
                return new ApprovalRoundResult(this.status, null, Withdrawn: true);
            }
            else if (winner == extend)
            {
                if (this.events.Take<DeadlineExtension>(ProposalEvents.ExtendDeadline) is { } extension && extension.Deadline > deadline)
                {
                    deadline = DateTime.SpecifyKind(extension.Deadline, DateTimeKind.Utc);
                    this.Update(this.status with { Deadline = deadline });
                }
            }
            else if (winner == resend)
            {
                this.events.Take<string>(ProposalEvents.Resend);
                await this.SendAsync(ApprovalEmailKind.Request, 0, deadline);
            }
            else if (winner == timer)
            {
                DateTime now = this.context.CurrentUtcDateTime;
                if (now >= deadline)
                {
                    return this.Finish("NoResponse", null, null, null);
                }

                if (!this.status.Escalated && escalateAt is { } escalation && now >= escalation)
                {
                    this.Update(this.status with { Escalated = true });
                    await this.SendAsync(ApprovalEmailKind.Escalation, 0, deadline);
                }

                if (now >= nextReminder)
                {
                    int number = this.status.RemindersSent + 1;
                    this.Update(this.status with { RemindersSent = number });
                    await this.SendAsync(ApprovalEmailKind.Reminder, number, deadline);
                    while (nextReminder <= now)
                    {
                        nextReminder += this.reminderInterval;
                    }
                }
            }
        }

        return this.Finish("NoResponse", null, null, null);
    }

    private static DateTime Min(DateTime a, DateTime b, DateTime? c)
    {
        DateTime min = a < b ? a : b;
        return c is { } value && value < min ? value : min;
    }

    private ApprovalRoundResult Finish(string state, DecisionEvent? taken, DateTime? at, ApprovalDecision? decision)
    {
        this.Update(this.status with { State = state, DecidedBy = taken?.DecidedBy, DecidedAt = at, Comment = taken?.Comment });
        return new ApprovalRoundResult(this.status, decision, Withdrawn: false);
    }

    private void Update(ParticipantStatus next)
    {
        this.status = next;
        this.changed(next);
    }

    private async Task SendAsync(ApprovalEmailKind kind, int reminderNumber, DateTime? deadline = null)
    {
        ParticipantPlan participant = this.template.Participant;
        DateTime due = deadline ?? this.template.Deadline;

        // An escalation goes to the deputy alone; after it, requests and reminders go to both, and either may decide.
        if (kind != ApprovalEmailKind.Escalation)
        {
            await this.context.CallActivityAsync<bool>(
                nameof(SendApprovalEmailActivity),
                this.template with
                {
                    Kind = kind,
                    Recipient = participant.Approver,
                    Role = participant.Role,
                    Deadline = due,
                    ReminderNumber = reminderNumber,
                    IdempotencyKey = EmailKeys.New(this.context, $"{participant.Id}:{kind}"),
                },
                RetryOptions);
        }

        if (participant.Deputy is { } deputy && (kind == ApprovalEmailKind.Escalation || this.status.Escalated))
        {
            await this.context.CallActivityAsync<bool>(
                nameof(SendApprovalEmailActivity),
                this.template with
                {
                    Kind = kind,
                    Recipient = deputy,
                    Role = "Deputy",
                    Deadline = due,
                    ReminderNumber = reminderNumber,
                    IdempotencyKey = EmailKeys.New(this.context, $"{participant.Id}:{kind}:deputy"),
                },
                RetryOptions);
        }
    }

    /// <summary>Email delivery is retried on durable timers: a mail service outage delays a request, it does not lose it.</summary>
    internal static readonly TaskOptions RetryOptions = TaskOptions.FromRetryPolicy(new RetryPolicy(6, TimeSpan.FromSeconds(30), 2.0, TimeSpan.FromMinutes(15)));
}
