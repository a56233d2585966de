using System.Text.Json;
using Microsoft.DurableTask;
using Workflows.Governance.Governance;
using Workflows.Governance.Proposals.Http;

namespace Workflows.Governance.Proposals;

/// <summary>A proposal from its committee to its decision: committee sign-off, congress consideration, the tier, one
/// <see cref="GoverningBodyApprovalOrchestrator"/> per member body for a significant decision, the outcome by policy,
/// outcome emails and a decision record. Its custom status (<see cref="ProposalStatus"/>) always says the stage and
/// the tallies.</summary>
/// <remarks>Its input is either the planned <see cref="ProposalInput"/> (what <c>POST /api/proposals</c> starts it with)
/// or the proposal as submitted, the body of that route (what any Durable Functions client may start it with through
/// the management API): that is planned by <see cref="PlanProposalActivity"/>, and the instance continues as new with
/// the plan, so its input is the planned proposal from then on.</remarks>
[DurableTask(nameof(ProposalOrchestrator))]
public sealed class ProposalOrchestrator : TaskOrchestrator<JsonElement, ProposalStatus>
{
    private static readonly JsonSerializerOptions SubmissionJson = new(JsonSerializerDefaults.Web);
    private static readonly ApprovalDecision[] SignOff = [ApprovalDecision.Approve, ApprovalDecision.Reject];
    private static readonly ApprovalDecision[] CongressDecisions = [ApprovalDecision.Approve, ApprovalDecision.Reject, ApprovalDecision.Refer];

    /// <inheritdoc/>
    public override async Task<ProposalStatus> RunAsync(TaskOrchestrationContext context, JsonElement input)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (input.ValueKind == JsonValueKind.Object && HasProperty(input, nameof(ProposalInput.Plan)))
        {
            ProposalInput planned = input.Deserialize<ProposalInput>(SubmissionJson)
                ?? throw new InvalidProposalException("The proposal's planned input is empty.");
            return await this.RunAsync(context, planned);
        }

        StartProposalRequest submission = input.ValueKind == JsonValueKind.Object
            ? input.Deserialize<StartProposalRequest>(SubmissionJson) ?? new StartProposalRequest()
            : throw new InvalidProposalException("The proposal must be a JSON object, the body of POST /api/proposals.");
        ProposalInput plan = await context.CallActivityAsync<ProposalInput>(nameof(PlanProposalActivity), new PlanProposalRequest(context.InstanceId, submission));
        context.SetCustomStatus(new ProposalStatus { Title = plan.Title, Stage = ProposalStage.CommitteeSignOff });
        context.ContinueAsNew(plan);
        return new ProposalStatus { Title = plan.Title, Stage = ProposalStage.CommitteeSignOff };
    }

    /// <summary>Runs a planned proposal from committee sign-off to its decision.</summary>
    public async Task<ProposalStatus> RunAsync(TaskOrchestrationContext context, ProposalInput input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        await EmailKeys.AnchorAsync(context, input.StableEmailKeys);

        ProposalPlan plan = input.Plan;
        var events = new EventInbox(context);
        var status = new ProposalStatus { Title = input.Title, Stage = ProposalStage.CommitteeSignOff };
        void Publish(ProposalStatus next)
        {
            status = next;
            context.SetCustomStatus(next);
        }

        // Committee sign-off.
        DateTime deadline = context.CurrentUtcDateTime + plan.DecisionDeadline;
        Publish(status with { Deadline = deadline });
        ApprovalRoundResult committee = await RoundAsync(context, events, input, plan.Committee, SignOff, deadline, plan, s => Publish(status with { Committee = s }));
        if (Ended(committee) is { } early)
        {
            return await FinishAsync(context, input, status, early);
        }

        // Congress consideration.
        deadline = context.CurrentUtcDateTime + plan.DecisionDeadline;
        Publish(status with { Stage = ProposalStage.Congress, Deadline = deadline });
        ApprovalRoundResult congress = await RoundAsync(context, events, input, plan.Congress, CongressDecisions, deadline, plan, s => Publish(status with { Congress = s }));
        if (Ended(congress) is { } decided)
        {
            return await FinishAsync(context, input, status, decided);
        }

        TierDecision tier = congress.Decision == ApprovalDecision.Refer ? plan.TierIfReferred : plan.Tier;
        Publish(status with { Tier = (int)tier.Tier, TierReason = tier.Reason });
        if (tier.Tier == DecisionTier.Congress)
        {
            return await FinishAsync(context, input, status, ProposalOutcome.Approved);
        }

        // Every governing body, in parallel.
        deadline = context.CurrentUtcDateTime + plan.DecisionDeadline;
        var bodies = plan.Bodies.Select(b => new ParticipantStatus { Id = b.Id, Name = b.Name, Deadline = deadline }).ToList();
        Publish(status with { Stage = ProposalStage.GoverningBodies, Deadline = deadline, Bodies = bodies.ToList() });
        var running = new Dictionary<Task<ApprovalRoundResult>, int>();
        for (int i = 0; i < plan.Bodies.Count; i++)
        {
            ParticipantPlan body = plan.Bodies[i];
            var childInput = new BodyApprovalInput
            {
                ProposalId = input.Id,
                Title = input.Title,
                Summary = input.Summary,
                Body = body,
                Deadline = deadline,
                ReminderInterval = plan.ReminderInterval,
                EscalateAfter = plan.EscalateAfter,
                StableEmailKeys = input.StableEmailKeys,
            };
            Task<ApprovalRoundResult> child = context.CallSubOrchestratorAsync<ApprovalRoundResult>(
                nameof(GoverningBodyApprovalOrchestrator),
                childInput,
                new SubOrchestrationOptions(instanceId: GoverningBodyApprovalOrchestrator.InstanceIdFor(input.Id, body.Id)));
            running[child] = i;
        }

        ProposalOutcome? outcome = null;
        bool withdrawn = false;
        while (running.Count > 0)
        {
            Task withdraw = events.Next(ProposalEvents.Withdraw);
            Task extend = events.Next(ProposalEvents.ExtendDeadline);
            Task winner = await Task.WhenAny([withdraw, extend, .. running.Keys]);
            if (winner == withdraw)
            {
                string reason = events.Take<string>(ProposalEvents.Withdraw) ?? string.Empty;
                if (!withdrawn)
                {
                    withdrawn = true;
                    foreach (int index in running.Values)
                    {
                        context.SendEvent(GoverningBodyApprovalOrchestrator.InstanceIdFor(input.Id, plan.Bodies[index].Id), ProposalEvents.Withdraw, reason);
                    }
                }
            }
            else if (winner == extend)
            {
                if (events.Take<DeadlineExtension>(ProposalEvents.ExtendDeadline) is { } extension && extension.Deadline > deadline)
                {
                    deadline = DateTime.SpecifyKind(extension.Deadline, DateTimeKind.Utc);
                    foreach (int index in running.Values)
                    {
                        context.SendEvent(GoverningBodyApprovalOrchestrator.InstanceIdFor(input.Id, plan.Bodies[index].Id), ProposalEvents.ExtendDeadline, extension);
                    }

                    bodies = bodies.Select(b => b.State == ParticipantState.Pending ? b with { Deadline = deadline } : b).ToList();
                    Publish(status with { Deadline = deadline, Bodies = bodies.ToList() });
                }
            }
            else if (winner is Task<ApprovalRoundResult> finished && running.Remove(finished, out int index))
            {
                ApprovalRoundResult result = await finished;
                bodies[index] = result.Status;
                Publish(status with { Bodies = bodies.ToList() });
                if (outcome is null && !withdrawn)
                {
                    // Under unanimity one rejection decides; the other bodies' decisions are still recorded.
                    outcome = OutcomeTally.Of(bodies.Select(ToState)).Outcome(plan.Policy);
                    if (outcome is not null)
                    {
                        Publish(status with { Outcome = outcome });
                        await NotifyAsync(context, input, status);
                    }
                }
            }
        }

        if (withdrawn)
        {
            return await FinishAsync(context, input, status, ProposalOutcome.Withdrawn);
        }

        outcome ??= OutcomeTally.Of(bodies.Select(ToState)).Outcome(plan.Policy) ?? ProposalOutcome.Lapsed;
        return await FinishAsync(context, input, status, outcome.Value, notified: status.Outcome is not null);
    }

    private static ProposalOutcome? Ended(ApprovalRoundResult round) => round switch
    {
        { Withdrawn: true } => ProposalOutcome.Withdrawn,
        { Decision: ApprovalDecision.Reject } => ProposalOutcome.Rejected,
        { Decision: null } => ProposalOutcome.Lapsed,
        _ => null,
    };

    private static BodyApprovalState ToState(ParticipantStatus body) => body.State switch
    {
        ParticipantState.Approved => BodyApprovalState.Approved,
        ParticipantState.Rejected => BodyApprovalState.Rejected,
        ParticipantState.NoResponse => BodyApprovalState.NoResponse,
        _ => BodyApprovalState.Pending,
    };

    private static async Task<ProposalStatus> FinishAsync(TaskOrchestrationContext context, ProposalInput input, ProposalStatus status, ProposalOutcome outcome, bool notified = false)
    {
        ProposalStatus final = status with { Stage = ProposalStage.Decided, Outcome = outcome };
        context.SetCustomStatus(final);
        if (!notified)
        {
            await NotifyAsync(context, input, final);
        }

        await context.CallActivityAsync<string>(
            nameof(WriteDecisionRecordActivity),
            new DecisionRecord(input.Id, input.Title, input.Summary, input.CategoryId, input.BodyId, input.CommitteeId, input.Value, input.Papers, final, context.CurrentUtcDateTime),
            ApprovalRound.RetryOptions);
        return final;
    }

    private static Task<bool> NotifyAsync(TaskOrchestrationContext context, ProposalInput input, ProposalStatus status) =>
        context.CallActivityAsync<bool>(
            nameof(SendOutcomeNoticeActivity),
            new OutcomeNotice(input.Id, input.Title, input.Plan.RaisingBodyName, status, input.Plan.OutcomeRecipients, EmailKeys.New(context, "outcome")),
            ApprovalRound.RetryOptions);

    private static Task<ApprovalRoundResult> RoundAsync(
        TaskOrchestrationContext context,
        EventInbox events,
        ProposalInput input,
        ParticipantPlan participant,
        IReadOnlyList<ApprovalDecision> decisions,
        DateTime deadline,
        ProposalPlan plan,
        Action<ParticipantStatus> changed)
    {
        var email = new ApprovalEmail
        {
            InstanceId = context.InstanceId,
            ProposalId = input.Id,
            Title = input.Title,
            Summary = input.Summary,
            Participant = participant,
            Recipient = participant.Approver,
            Role = participant.Role,
            Decisions = decisions,
            Deadline = deadline,
        };
        return new ApprovalRound(context, events, email, plan.ReminderInterval, null, changed).RunAsync();
    }

    private static bool HasProperty(JsonElement element, string name)
    {
        foreach (JsonProperty property in element.EnumerateObject())
        {
            if (string.Equals(property.Name, name, StringComparison.OrdinalIgnoreCase) && property.Value.ValueKind != JsonValueKind.Null)
            {
                return true;
            }
        }

        return false;
    }
}
