using Workflows.Functions.Governance;
using Workflows.Functions.Proposals;

namespace Workflows.Functions.Tests.Proposals.Orchestration;

/// <summary>A proposal's stages, tallies and emails against a substituted context.</summary>
public sealed class ProposalOrchestratorTests
{
    private const string Id = "p-7";
    private static readonly DateTime T0 = new(2026, 3, 2, 9, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void A_congress_decision_at_tier_1_notifies_every_participant_once_and_writes_the_record_once()
    {
        var script = new OrchestrationScript(Id, T0);
        Task<ProposalStatus> run = new ProposalOrchestrator().RunAsync(script.Context, Input(DecisionTier.Congress));

        Assert.Equal(ProposalStage.CommitteeSignOff, script.LastStatus<ProposalStatus>().Stage);
        script.Raise(ProposalEvents.Decision, new DecisionEvent(ApprovalDecision.Approve, "Committee Chair", "Chair", null));
        Assert.Equal(ProposalStage.Congress, script.LastStatus<ProposalStatus>().Stage);
        ApprovalEmail congress = script.Emails.Last();
        Assert.Equal([ApprovalDecision.Approve, ApprovalDecision.Reject, ApprovalDecision.Refer], congress.Decisions);
        script.Raise(ProposalEvents.Decision, new DecisionEvent(ApprovalDecision.Approve, "Congress Chair", "Chair", null));

        ProposalStatus done = OrchestrationScript.Completed(run);
        Assert.Equal(("Approved", 1, ProposalStage.Decided), (done.Outcome, done.Tier, done.Stage));
        OutcomeNotice notice = Assert.IsType<OutcomeNotice>(Assert.Single(script.Calls(nameof(SendOutcomeNoticeActivity))));
        Assert.Equal(5, notice.Recipients.Count);
        Assert.StartsWith(Id + ":outcome:", notice.IdempotencyKey, StringComparison.Ordinal);
        DecisionRecord record = Assert.IsType<DecisionRecord>(Assert.Single(script.Calls(nameof(WriteDecisionRecordActivity))));
        Assert.Equal("Approved", record.Status.Outcome);
        Assert.Empty(script.Children);
    }

    [Fact]
    public void A_committee_rejection_ends_the_proposal_before_the_congress_is_asked()
    {
        var script = new OrchestrationScript(Id, T0);
        Task<ProposalStatus> run = new ProposalOrchestrator().RunAsync(script.Context, Input(DecisionTier.GoverningBodies));

        script.Raise(ProposalEvents.Decision, new DecisionEvent(ApprovalDecision.Reject, "Committee Chair", "Chair", "Premature"));

        ProposalStatus done = OrchestrationScript.Completed(run);
        Assert.Equal("Rejected", done.Outcome);
        Assert.Null(done.Congress);
        Assert.Single(script.Emails);
        Assert.Single(script.Calls(nameof(SendOutcomeNoticeActivity)));
    }

    [Fact]
    public void Under_unanimity_one_rejection_decides_at_once_and_the_later_decisions_are_still_recorded_without_a_second_notice()
    {
        var script = new OrchestrationScript(Id, T0);
        Task<ProposalStatus> run = StartAtBodies(script);
        Assert.Equal(["p-7:a", "p-7:b", "p-7:c"], script.Children.Select(c => c.InstanceId));

        script.Children[1].Source.SetResult(Decided("b", "Rejected", ApprovalDecision.Reject));
        Assert.Equal("Rejected", script.LastStatus<ProposalStatus>().Outcome);
        Assert.Equal(ProposalStage.GoverningBodies, script.LastStatus<ProposalStatus>().Stage);
        Assert.Single(script.Calls(nameof(SendOutcomeNoticeActivity)));

        script.Children[0].Source.SetResult(Decided("a", "Approved", ApprovalDecision.Approve));
        script.Children[2].Source.SetResult(Decided("c", "Approved", ApprovalDecision.Approve));

        ProposalStatus done = OrchestrationScript.Completed(run);
        Assert.Equal(("Rejected", 2, 1, ProposalStage.Decided), (done.Outcome, done.Approved, done.Rejected, done.Stage));
        Assert.Single(script.Calls(nameof(SendOutcomeNoticeActivity)));
        Assert.Single(script.Calls(nameof(WriteDecisionRecordActivity)));
    }

    [Fact]
    public void A_withdrawal_at_the_governing_bodies_goes_to_every_running_body_and_ends_the_proposal_as_withdrawn()
    {
        var script = new OrchestrationScript(Id, T0);
        Task<ProposalStatus> run = StartAtBodies(script);
        script.Children[0].Source.SetResult(Decided("a", "Approved", ApprovalDecision.Approve));

        script.Raise(ProposalEvents.Withdraw, "Superseded");
        script.Raise(ProposalEvents.Withdraw, "Again");

        Assert.Equal([("p-7:b", ProposalEvents.Withdraw, (object)"Superseded"), ("p-7:c", ProposalEvents.Withdraw, "Superseded")], script.Sent);
        script.Children[1].Source.SetResult(new ApprovalRoundResult(Body("b"), null, Withdrawn: true));
        script.Children[2].Source.SetResult(new ApprovalRoundResult(Body("c"), null, Withdrawn: true));
        Assert.Equal("Withdrawn", OrchestrationScript.Completed(run).Outcome);
    }

    [Fact]
    public void An_extended_deadline_at_the_governing_bodies_is_forwarded_and_moves_the_pending_bodies_only()
    {
        var script = new OrchestrationScript(Id, T0);
        Task<ProposalStatus> run = StartAtBodies(script);
        script.Children[0].Source.SetResult(Decided("a", "Approved", ApprovalDecision.Approve));
        DateTime later = T0.AddDays(30);

        script.Raise(ProposalEvents.ExtendDeadline, new DeadlineExtension(later, "clerk"));
        script.Raise(ProposalEvents.ExtendDeadline, new DeadlineExtension(T0.AddDays(1), "clerk, by mistake"));

        Assert.Equal(["p-7:b", "p-7:c"], script.Sent.Select(s => s.InstanceId));
        ProposalStatus status = script.LastStatus<ProposalStatus>();
        Assert.Equal(later, status.Deadline);
        Assert.Equal([null, later, later], status.Bodies.Select(b => b.Deadline == later ? later : (DateTime?)null));
        Assert.False(run.IsCompleted);
    }

    private static Task<ProposalStatus> StartAtBodies(OrchestrationScript script)
    {
        Task<ProposalStatus> run = new ProposalOrchestrator().RunAsync(script.Context, Input(DecisionTier.GoverningBodies));
        script.Raise(ProposalEvents.Decision, new DecisionEvent(ApprovalDecision.Approve, "Committee Chair", "Chair", null));
        script.Raise(ProposalEvents.Decision, new DecisionEvent(ApprovalDecision.Approve, "Congress Chair", "Chair", null));
        Assert.Equal(ProposalStage.GoverningBodies, script.LastStatus<ProposalStatus>().Stage);
        return run;
    }

    private static ApprovalRoundResult Decided(string body, string state, ApprovalDecision decision) =>
        new(Body(body) with { State = state, DecidedBy = $"{body} approver" }, decision, Withdrawn: false);

    private static ParticipantStatus Body(string id) => new() { Id = id, Name = $"Body {id}" };

    private static ProposalInput Input(DecisionTier tier)
    {
        static Person P(string name) => new() { Name = name, Email = $"{name.Replace(' ', '.')}@example.org" };
        var decision = new TierDecision(tier, tier == DecisionTier.Congress ? "Delegated to the congress" : "Reserved by a member");
        return new ProposalInput
        {
            Id = Id,
            Title = "Community stroke rehabilitation",
            Summary = "Move rehabilitation into the community.",
            CategoryId = "policy",
            BodyId = "a",
            CommitteeId = "quality",
            Plan = new ProposalPlan
            {
                RaisingBodyName = "Body a",
                Committee = new ParticipantPlan("committee", "Quality committee", P("Committee Chair"), "Chair", null),
                Congress = new ParticipantPlan("congress", "Congress", P("Congress Chair"), "Chair", null),
                Bodies = [.. new[] { "a", "b", "c" }.Select(b => new ParticipantPlan(b, $"Body {b}", P($"Approver {b}"), "Approver", null))],
                Tier = decision,
                TierIfReferred = new TierDecision(DecisionTier.GoverningBodies, "Referred"),
                Policy = OutcomePolicy.Unanimity,
                ReminderInterval = TimeSpan.FromDays(2),
                EscalateAfter = TimeSpan.FromDays(5),
                DecisionDeadline = TimeSpan.FromDays(14),
            },
        };
    }
}
