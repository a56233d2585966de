using Microsoft.DurableTask;
using Workflows.Governance.Assembly.Links;
using Workflows.Governance.Assembly.Notices;
using Workflows.Governance.Governance;
using Workflows.Governance.Proposals;

namespace Workflows.Governance.Assembly.Nominations;

/// <summary>One CCG's nomination in a round: the invitation to its accountable officer, reminders, escalation to its
/// deputy, the design group's review (accept, or return with a reason so that the CCG nominates again), and the close.
/// Its instance id is "{roundId}:{memberId}"; its custom status is its <see cref="CcgNominationStatus"/>.</summary>
[DurableTask(nameof(CcgNominationOrchestrator))]
public sealed class CcgNominationOrchestrator : TaskOrchestrator<CcgNominationInput, CcgNominationStatus>
{
    /// <inheritdoc/>
    public override async Task<CcgNominationStatus> RunAsync(TaskOrchestrationContext context, CcgNominationInput input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        await EmailKeys.AnchorAsync(context, input.StableEmailKeys);

        return await new Run(context, input).ExecuteAsync();
    }

    private sealed class Run(TaskOrchestrationContext context, CcgNominationInput input)
    {
        private readonly EventInbox events = new(context);
        private readonly MemberCcg member = input.Member;
        private CcgNominationStatus status = new()
        {
            MemberId = input.Member.Id,
            MemberName = input.Member.Name,
            State = NominationState.Invited,
            ClosesAt = DateTime.SpecifyKind(input.ClosesAt, DateTimeKind.Utc),
        };

        private bool AwaitsNomination => this.status.State is NominationState.Invited or NominationState.Returned;

        public async Task<CcgNominationStatus> ExecuteAsync()
        {
            this.Publish(this.status);
            DateTime started = context.CurrentUtcDateTime;
            DateTime nextReminder = started + input.ReminderInterval;
            DateTime escalateAt = started + input.EscalateAfter;
            await this.InviteAsync("invitation");
            while (context.CurrentUtcDateTime < this.status.ClosesAt)
            {
                DateTime wake = this.status.ClosesAt;
                if (this.AwaitsNomination)
                {
                    wake = Earliest(wake, nextReminder, this.status.Escalated ? wake : escalateAt);
                }

                using var cancel = new CancellationTokenSource();
                Task timer = context.CreateTimer(wake, cancel.Token);
                Task nomination = this.events.Next(AssemblyEvents.Nomination);
                Task review = this.events.Next(AssemblyEvents.Review);
                Task close = this.events.Next(AssemblyEvents.Close);
                Task extend = this.events.Next(AssemblyEvents.Extend);
                Task resend = this.events.Next(AssemblyEvents.Resend);
                Task winner = await Task.WhenAny(timer, nomination, review, close, extend, resend);
                if (winner != timer)
                {
                    cancel.Cancel();
                }

                if (winner == nomination)
                {
                    await this.NominatedAsync(this.events.Take<NominationEvent>(AssemblyEvents.Nomination));
                }
                else if (winner == review)
                {
                    if (await this.ReviewedAsync(this.events.Take<ReviewEvent>(AssemblyEvents.Review)))
                    {
                        return this.status;
                    }

                    if (this.AwaitsNomination)
                    {
                        nextReminder = context.CurrentUtcDateTime + input.ReminderInterval;
                    }
                }
                else if (winner == close)
                {
                    this.events.Take<string>(AssemblyEvents.Close);
                    break;
                }
                else if (winner == extend)
                {
                    if (this.events.Take<RoundExtension>(AssemblyEvents.Extend) is { } extension && extension.ClosesAt > this.status.ClosesAt)
                    {
                        this.Publish(this.status with { ClosesAt = DateTime.SpecifyKind(extension.ClosesAt, DateTimeKind.Utc) });

                        // The links in earlier emails expire at the old close: send the current ones again.
                        await this.ResendAsync("extended");
                    }
                }
                else if (winner == resend)
                {
                    this.events.Take<RoundResend>(AssemblyEvents.Resend);
                    await this.ResendAsync("resend");
                }
                else
                {
                    DateTime now = context.CurrentUtcDateTime;
                    if (now >= this.status.ClosesAt || !this.AwaitsNomination)
                    {
                        continue;
                    }

                    if (!this.status.Escalated && now >= escalateAt)
                    {
                        this.Publish(this.status with { Escalated = true });
                        await this.SendNominationLinkAsync("escalation", this.member.Deputy, "Deputy");
                    }

                    if (now >= nextReminder)
                    {
                        this.Publish(this.status with { RemindersSent = this.status.RemindersSent + 1 });
                        await this.InviteAsync("reminder");
                        while (nextReminder <= now)
                        {
                            nextReminder += input.ReminderInterval;
                        }
                    }
                }
            }

            this.Publish(this.status with { State = this.status.State == NominationState.Nominated ? NominationState.Unreviewed : NominationState.NoNomination });
            return this.status;
        }

        private static DateTime Earliest(DateTime a, DateTime b, DateTime c) => new[] { a, b, c }.Min();

        private async Task NominatedAsync(NominationEvent? nominated)
        {
            if (nominated?.Nomination is not { } given || !this.AwaitsNomination || nominated.Attempt != this.status.Attempt)
            {
                return;
            }

            (Nomination? nomination, _) = NominationRules.Check(given.Name, given.Role, given.Registration, given.Email);
            if (nomination is null)
            {
                return;
            }

            this.Publish(this.status with
            {
                State = NominationState.Nominated,
                Nomination = nomination,
                NominatedBy = nominated.By,
                NominatedAt = context.CurrentUtcDateTime,
            });
            await this.AskDesignGroupAsync("review");
        }

        // True when the nomination was accepted, which ends the CCG's part of the round.
        private async Task<bool> ReviewedAsync(ReviewEvent? review)
        {
            if (review is null || this.status.State != NominationState.Nominated || review.Attempt != this.status.Attempt)
            {
                return false;
            }

            if (review.Accept)
            {
                this.Publish(this.status with { State = NominationState.Accepted, ReviewedBy = review.By });
                Nomination lead = this.status.Nomination!;
                await AssemblyNotices.SendAsync(context, $"{this.member.Id}:accepted", key => new AssemblyEmail
                {
                    IdempotencyKey = key,
                    To = [.. this.CcgContacts(), new Person { Name = lead.Name, Email = lead.Email }],
                    Title = $"{this.member.Name}'s clinical lead for the {input.AssemblyName} is accepted",
                    Paragraphs = [$"The design group accepted {lead.Name} ({lead.Role}) as {this.member.Name}'s clinical lead on the assembly's roster."],
                });
                return true;
            }

            if (string.IsNullOrWhiteSpace(review.Reason))
            {
                return false;
            }

            this.Publish(this.status with
            {
                State = NominationState.Returned,
                Attempt = this.status.Attempt + 1,
                ReviewedBy = review.By,
                ReturnReason = review.Reason.Trim(),
            });
            await this.InviteAsync("returned");
            return false;
        }

        private async Task ResendAsync(string what)
        {
            if (this.AwaitsNomination)
            {
                await this.InviteAsync(what);
            }
            else if (this.status.State == NominationState.Nominated)
            {
                await this.AskDesignGroupAsync(what);
            }
        }

        // The accountable officer, and the deputy too once the request has been escalated.
        private IEnumerable<Person> CcgContacts() => this.status.Escalated ? [this.member.AccountableOfficer, this.member.Deputy] : [this.member.AccountableOfficer];

        private async Task InviteAsync(string what)
        {
            await this.SendNominationLinkAsync(what, this.member.AccountableOfficer, "AccountableOfficer");
            if (this.status.Escalated)
            {
                await this.SendNominationLinkAsync(what, this.member.Deputy, "Deputy");
            }
        }

        private Task<bool> SendNominationLinkAsync(string what, Person to, string role)
        {
            string title = what switch
            {
                "reminder" => $"Reminder {this.status.RemindersSent}: nominate {this.member.Name}'s clinical lead for the {input.AssemblyName}",
                "escalation" => $"Escalated to you: nominate {this.member.Name}'s clinical lead for the {input.AssemblyName}",
                "returned" => $"Nominate again: the design group returned {this.member.Name}'s nomination",
                _ => $"Nominate {this.member.Name}'s clinical lead for the {input.AssemblyName}",
            };
            var paragraphs = new List<string>
            {
                $"Dear {to.Name},",
                $"The {input.AssemblyName} invites every CCG to put forward one senior clinical lead. Please nominate {this.member.Name}'s lead: their name, role, professional registration and email address.",
            };
            if (what == "escalation")
            {
                paragraphs.Add("The accountable officer has not nominated yet, so the request comes to you as deputy as well; either of you may nominate.");
            }

            if (this.status is { State: NominationState.Returned, ReturnReason: { } reason })
            {
                paragraphs.Add($"The design group returned the last nomination: {reason}");
            }

            var grant = new AssemblyGrant(AssemblyLinkKind.Nominate, context.InstanceId, input.RoundId, this.member.Id, role, to.Name, to.Email, this.status.Attempt);
            return AssemblyNotices.SendAsync(context, $"{this.member.Id}:{what}:{role}", key => new AssemblyEmail
            {
                IdempotencyKey = key,
                To = [to],
                Title = title,
                Paragraphs = paragraphs,
                Fields = [new EmailField("Nominate by", AssemblyText.Time(this.status.ClosesAt))],
                Link = new AssemblyEmailLink("Nominate a lead", grant, this.status.ClosesAt),
            });
        }

        private async Task AskDesignGroupAsync(string what)
        {
            Nomination nominee = this.status.Nomination!;
            foreach (Person reviewer in input.DesignGroup)
            {
                var grant = new AssemblyGrant(AssemblyLinkKind.Review, context.InstanceId, input.RoundId, this.member.Id, "DesignGroup", reviewer.Name, reviewer.Email, this.status.Attempt);
                await AssemblyNotices.SendAsync(context, $"{this.member.Id}:{what}:design-group", key => new AssemblyEmail
                {
                    IdempotencyKey = key,
                    To = [reviewer],
                    Title = $"Review {this.member.Name}'s nomination for the {input.AssemblyName}",
                    Paragraphs = [$"Dear {reviewer.Name},", $"{this.member.Name} has nominated its clinical lead. Accept the nomination, or return it with a reason so that the CCG nominates again; one reviewer's decision is enough."],
                    Fields =
                    [
                        new EmailField("Name", nominee.Name),
                        new EmailField("Role", nominee.Role),
                        new EmailField("Registration", nominee.Registration),
                        new EmailField("Email", nominee.Email),
                        new EmailField("Nominated by", this.status.NominatedBy ?? "the CCG"),
                    ],
                    Link = new AssemblyEmailLink("Review the nomination", grant, this.status.ClosesAt),
                });
            }
        }

        private void Publish(CcgNominationStatus next)
        {
            this.status = next;
            context.SetCustomStatus(next);
        }
    }
}
