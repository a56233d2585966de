using Microsoft.DurableTask.Client;
using Workflows.Governance.Email;
using Workflows.Governance.Governance;
using Workflows.Governance.Proposals;

namespace Workflows.Functions.Tests.Proposals;

public sealed class ProposalWorkflowTests
{
    private const string Councils = "staffordshire-county-council";

    private static readonly Dictionary<string, string?> ShortTiming = new()
    {
        ["Governance:Timing:ReminderInterval"] = "00:00:02",
        ["Governance:Timing:EscalateAfter"] = "00:00:05",
        ["Governance:Timing:DecisionDeadline"] = "00:00:15",
    };

    [Fact]
    public async Task Congress_only_approval_decides_at_tier_1_and_notifies_and_records()
    {
        await using var host = new ProposalWorkflowHost();
        string id = await host.StartAsync("service-change", 50_000);

        OutboxMessage request = Assert.Single(await host.MailAsync(m => m.Subject.Contains("Decision needed", StringComparison.Ordinal)));
        Assert.Contains("Approve: http://localhost:7071/approvals/", request.Text, StringComparison.Ordinal);
        Assert.Contains("Reject: http://localhost:7071/approvals/", request.Text, StringComparison.Ordinal);
        await host.DecideAsync(id, ApprovalDecision.Approve);
        await host.WaitForAsync(id, s => s.Stage == ProposalStage.Congress, "the congress stage");
        OutboxMessage congressRequest = (await host.MailAsync(m => m.Text.Contains("Refer: ", StringComparison.Ordinal))).Single();
        Assert.Contains("congress", congressRequest.Text, StringComparison.OrdinalIgnoreCase);
        await host.DecideAsync(id, ApprovalDecision.Approve, "Congress Chair <chair@example.org>");

        ProposalStatus done = await host.WaitForAsync(id, s => s.Stage == ProposalStage.Decided, "the decision");
        Assert.Equal(ProposalOutcome.Approved, done.Outcome);
        Assert.Equal(1, done.Tier);
        Assert.StartsWith("Delegated to the congress", done.TierReason, StringComparison.Ordinal);
        Assert.Equal(ParticipantState.Approved, done.Committee!.State);
        Assert.Equal("Congress Chair <chair@example.org>", done.Congress!.DecidedBy);
        Assert.Empty(done.Bodies);
        OutboxMessage outcome = Assert.Single(await host.MailAsync(m => m.Subject.StartsWith("Outcome:", StringComparison.Ordinal)));
        Assert.True(outcome.To.Count >= 11, "the committee, the congress and every body are told");
        await WaitForRecordAsync(host, id);
    }

    [Fact]
    public async Task Congress_rejection_ends_the_proposal_as_rejected()
    {
        await using var host = new ProposalWorkflowHost();
        string id = await host.StartAsync("procurement");
        await host.DecideAsync(id, ApprovalDecision.Approve);
        await host.WaitForAsync(id, s => s.Stage == ProposalStage.Congress, "the congress stage");
        await host.DecideAsync(id, ApprovalDecision.Reject, comment: "Not now");

        ProposalStatus done = await host.WaitForAsync(id, s => s.Stage == ProposalStage.Decided, "the decision");
        Assert.Equal(ProposalOutcome.Rejected, done.Outcome);
        Assert.Equal("Not now", done.Congress!.Comment);
        Assert.Null(done.Tier);
    }

    [Fact]
    public async Task A_late_decision_for_the_committee_is_never_taken_as_the_congress_decision()
    {
        await using var host = new ProposalWorkflowHost();
        string id = await host.StartAsync("service-change");
        await host.DecideAsync(id, ApprovalDecision.Approve);
        await host.WaitForAsync(id, s => s.Stage == ProposalStage.Congress, "the congress stage");

        await host.Client.RaiseEventAsync(id, ProposalEvents.Decision, new DecisionEvent(ApprovalDecision.Reject, "committee chair, late", "Chair", null, "committee"));
        await host.Client.RaiseEventAsync(id, ProposalEvents.Decision, new DecisionEvent(ApprovalDecision.Approve, "congress chair", "Chair", null, "congress"));

        ProposalStatus done = await host.WaitForAsync(id, s => s.Stage == ProposalStage.Decided, "the decision");
        Assert.Equal(ProposalOutcome.Approved, done.Outcome);
        Assert.Equal("congress chair", done.Congress!.DecidedBy);
    }

    [Fact]
    public async Task A_decision_raised_before_the_orchestrator_waits_is_not_lost()
    {
        await using var host = new ProposalWorkflowHost();
        string id = await host.StartAsync("service-change");

        // Raised at once, before the first episode ran: buffered until the committee stage waits for it.
        await host.DecideAsync(id, ApprovalDecision.Approve);

        await host.WaitForAsync(id, s => s.Stage == ProposalStage.Congress, "the congress stage");
    }

    [Fact]
    public async Task Referral_sends_a_tier_1_category_to_every_governing_body_and_all_approve()
    {
        await using var host = new ProposalWorkflowHost();
        string id = await StartAtBodiesAsync(host, "service-change", ApprovalDecision.Refer);
        ProposalStatus status = await host.StatusAsync(id);
        Assert.Equal(2, status.Tier);
        Assert.StartsWith("Referred to member bodies by the congress", status.TierReason, StringComparison.Ordinal);
        Assert.Equal(9, status.Bodies.Count);

        foreach (ParticipantStatus body in status.Bodies)
        {
            await host.DecideAsync(GoverningBodyApprovalOrchestrator.InstanceIdFor(id, body.Id), ApprovalDecision.Approve, $"{body.Id} approver", "Approver");
        }

        ProposalStatus done = await host.WaitForAsync(id, s => s.Stage == ProposalStage.Decided, "the decision");
        Assert.Equal(ProposalOutcome.Approved, done.Outcome);
        Assert.Equal(9, done.Approved);
        Assert.All(done.Bodies, b => Assert.Equal(ParticipantState.Approved, b.State));
    }

    [Fact]
    public async Task One_rejection_decides_under_unanimity_while_the_others_are_still_recorded()
    {
        await using var host = new ProposalWorkflowHost();
        string id = await StartAtBodiesAsync(host, "policy", ApprovalDecision.Approve);
        ProposalStatus status = await host.StatusAsync(id);
        Assert.Equal(2, status.Tier);
        Assert.Contains("Staffordshire County Council", status.TierReason, StringComparison.Ordinal);

        await host.DecideAsync(GoverningBodyApprovalOrchestrator.InstanceIdFor(id, Councils), ApprovalDecision.Reject, "council approver", "Approver");
        ProposalStatus early = await host.WaitForAsync(id, s => s.Outcome is not null, "an early outcome");
        Assert.Equal(ProposalOutcome.Rejected, early.Outcome);
        Assert.Equal(ProposalStage.GoverningBodies, early.Stage);
        await host.MailAsync(m => m.Subject.StartsWith("Outcome:", StringComparison.Ordinal));

        foreach (ParticipantStatus body in status.Bodies.Where(b => b.Id != Councils))
        {
            await host.DecideAsync(GoverningBodyApprovalOrchestrator.InstanceIdFor(id, body.Id), ApprovalDecision.Approve, body.Id, "Approver");
        }

        ProposalStatus done = await host.WaitForAsync(id, s => s.Stage == ProposalStage.Decided, "the decision");
        Assert.Equal(ProposalOutcome.Rejected, done.Outcome);
        Assert.Equal(8, done.Approved);
        Assert.Equal(1, done.Rejected);
        Assert.Single(await host.MailAsync(m => m.Subject.StartsWith("Outcome:", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task A_body_that_never_answers_is_reminded_escalated_and_times_out_and_the_proposal_lapses()
    {
        // On the real clock: reminders every 2 s, the deputy after 5 s, no response after 15 s.
        await using var host = new ProposalWorkflowHost(ShortTiming);
        string id = await StartAtBodiesAsync(host, "policy", ApprovalDecision.Approve);
        ProposalStatus status = await host.StatusAsync(id);
        const string silent = "nhs-england";
        foreach (ParticipantStatus body in status.Bodies.Where(b => b.Id != silent))
        {
            await host.DecideAsync(GoverningBodyApprovalOrchestrator.InstanceIdFor(id, body.Id), ApprovalDecision.Approve, body.Id, "Approver");
        }

        await host.WaitForBodyAsync(id, silent, b => b.RemindersSent >= 1 && !b.Escalated, "a reminder before the escalation");
        await host.WaitForBodyAsync(id, silent, b => b.Escalated, "the escalation");

        ProposalStatus done = await host.WaitForAsync(id, s => s.Stage == ProposalStage.Decided, "the decision");
        Assert.Equal(ProposalOutcome.Lapsed, done.Outcome);
        ParticipantStatus nhs = done.Bodies.Single(b => b.Id == silent);
        Assert.Equal(ParticipantState.NoResponse, nhs.State);
        Assert.True(nhs.Escalated);

        // A timer that fires late skips the reminders it missed, so the count is at most one per interval.
        Assert.InRange(nhs.RemindersSent, 2, 7);
        IReadOnlyList<OutboxMessage> reminders = await host.MailAsync(m => m.Subject.StartsWith("Reminder", StringComparison.Ordinal) && To(m, "andrew.baker@"), nhs.RemindersSent);
        Assert.Equal(nhs.RemindersSent, reminders.Count);
        IReadOnlyList<OutboxMessage> escalations = await host.MailAsync(m => m.Subject.StartsWith("Escalated to you", StringComparison.Ordinal));
        OutboxMessage escalation = Assert.Single(escalations);
        Assert.Contains("rosalind.ellery@nhs-england.example.org", escalation.To.Single(), StringComparison.Ordinal);

        // After the escalation, reminders go to the deputy as well; before it, to the approver alone.
        int deputyReminders = (await host.MailAsync(m => m.Subject.StartsWith("Reminder", StringComparison.Ordinal) && To(m, "rosalind.ellery@"), 0)).Count;
        Assert.InRange(deputyReminders, 1, nhs.RemindersSent - 1);
        Assert.Single(await host.MailAsync(m => m.Subject.StartsWith("Outcome:", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task An_admin_decision_for_a_body_is_recorded_with_the_reason()
    {
        await using var host = new ProposalWorkflowHost();
        string id = await StartAtBodiesAsync(host, "policy", ApprovalDecision.Approve);

        await host.Client.RaiseEventAsync(
            GoverningBodyApprovalOrchestrator.InstanceIdFor(id, Councils),
            ProposalEvents.Decision,
            new DecisionEvent(ApprovalDecision.Approve, "admin: clerk", "Admin", "Minuted at the council meeting of 3 March"));

        await host.WaitForBodyAsync(id, Councils, b => b.State == ParticipantState.Approved, "the admin decision");
        ParticipantStatus council = (await host.BodyAsync(id, Councils))!;
        Assert.Equal("admin: clerk", council.DecidedBy);
        Assert.Equal("Minuted at the council meeting of 3 March", council.Comment);
    }

    [Fact]
    public async Task Withdrawal_mid_way_ends_every_body_and_the_proposal_as_withdrawn()
    {
        await using var host = new ProposalWorkflowHost();
        string id = await StartAtBodiesAsync(host, "policy", ApprovalDecision.Approve);
        await host.DecideAsync(GoverningBodyApprovalOrchestrator.InstanceIdFor(id, Councils), ApprovalDecision.Approve, "council", "Approver");
        await host.WaitForAsync(id, s => s.Approved == 1, "one approval");

        await host.Client.RaiseEventAsync(id, ProposalEvents.Withdraw, "Superseded by a new proposal");

        ProposalStatus done = await host.WaitForAsync(id, s => s.Stage == ProposalStage.Decided, "the withdrawal");
        Assert.Equal(ProposalOutcome.Withdrawn, done.Outcome);
        var child = await host.Client.WaitForInstanceCompletionAsync(GoverningBodyApprovalOrchestrator.InstanceIdFor(id, "nhs-england"));
        Assert.Equal(OrchestrationRuntimeStatus.Completed, child.RuntimeStatus);
    }

    [Fact]
    public async Task A_double_click_records_one_decision()
    {
        await using var host = new ProposalWorkflowHost();
        string id = await StartAtBodiesAsync(host, "policy", ApprovalDecision.Approve);
        string council = GoverningBodyApprovalOrchestrator.InstanceIdFor(id, Councils);

        await host.DecideAsync(council, ApprovalDecision.Approve, "first click", "Approver");
        await host.DecideAsync(council, ApprovalDecision.Reject, "second click", "Approver");

        await host.WaitForBodyAsync(id, Councils, b => b.State != ParticipantState.Pending, "the decision");
        await host.Client.WaitForInstanceCompletionAsync(council);
        ParticipantStatus recorded = (await host.BodyAsync(id, Councils))!;
        Assert.Equal(ParticipantState.Approved, recorded.State);
        Assert.Equal("first click", recorded.DecidedBy);
        ProposalStatus status = await host.WaitForAsync(id, s => s.Approved == 1, "the parent's tally");
        Assert.Equal(0, status.Rejected);
    }

    [Fact]
    public async Task An_extended_deadline_moves_the_pending_decisions()
    {
        await using var host = new ProposalWorkflowHost();
        string id = await host.StartAsync("service-change");
        ProposalStatus before = await host.WaitForAsync(id, s => s.Committee is not null, "the committee stage");
        DateTime later = before.Deadline!.Value.AddDays(7);

        await host.Client.RaiseEventAsync(id, ProposalEvents.ExtendDeadline, new DeadlineExtension(later, "admin"));

        await host.WaitForAsync(id, s => s.Committee?.Deadline == later, "the new deadline");
    }

    private static async Task<string> StartAtBodiesAsync(ProposalWorkflowHost host, string category, ApprovalDecision congress)
    {
        string id = await host.StartAsync(category);
        await host.DecideAsync(id, ApprovalDecision.Approve);
        await host.WaitForAsync(id, s => s.Stage == ProposalStage.Congress, "the congress stage");
        await host.DecideAsync(id, congress);
        await host.WaitForAsync(id, s => s.Stage == ProposalStage.GoverningBodies, "the governing bodies stage");
        return id;
    }

    private static bool To(OutboxMessage message, string address) =>
        message.To.Any(t => t.Contains(address, StringComparison.OrdinalIgnoreCase));

    private static async Task WaitForRecordAsync(ProposalWorkflowHost host, string id)
    {
        var documents = (Workflows.Governance.Documents.IDocumentStore)host.Services.GetService(typeof(Workflows.Governance.Documents.IDocumentStore))!;
        DateTime deadline = DateTime.UtcNow + ProposalWorkflowHost.Patience;
        while (!await documents.ExistsAsync(DecisionRecord.HtmlPath(id)))
        {
            Assert.True(DateTime.UtcNow < deadline, "the decision record was not written");
            await Task.Delay(20);
        }

        Assert.True(await documents.ExistsAsync(DecisionRecord.JsonPath(id)));
    }
}
