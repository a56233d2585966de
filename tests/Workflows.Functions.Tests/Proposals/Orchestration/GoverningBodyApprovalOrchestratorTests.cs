using System.Text.Json;
using Microsoft.DurableTask;
using NSubstitute;
using Workflows.Functions.Governance;
using Workflows.Functions.Proposals;

namespace Workflows.Functions.Tests.Proposals.Orchestration;

/// <summary>One governing body's round against a substituted context: reminders, escalation, deadline, decisions, keys.</summary>
public sealed class GoverningBodyApprovalOrchestratorTests
{
    private const string Instance = "p-1:nhs-england";
    private static readonly DateTime T0 = new(2026, 3, 2, 9, 0, 0, DateTimeKind.Utc);
    private static readonly Person Approver = new() { Name = "Dr Andrew Baker", Email = "andrew.baker@nhs-england.example.org" };
    private static readonly Person Deputy = new() { Name = "Rosalind Ellery", Email = "rosalind.ellery@nhs-england.example.org" };

    [Fact]
    public void A_silent_body_is_reminded_every_interval_escalated_once_and_recorded_as_not_responding_at_the_deadline()
    {
        var script = new OrchestrationScript(Instance, T0);
        Task<ApprovalRoundResult> run = Run(script);

        // Reminders at days 2, 4, 6, 8, 10, 12; the escalation at day 5; the deadline at day 14.
        while (!run.IsCompleted)
        {
            script.FireTimer();
        }

        ApprovalRoundResult result = OrchestrationScript.Completed(run);
        Assert.Equal("NoResponse", result.Status.State);
        Assert.Equal(6, result.Status.RemindersSent);
        Assert.True(result.Status.Escalated);
        Assert.Null(result.Decision);
        Assert.Equal(
            [T0.AddDays(2), T0.AddDays(4), T0.AddDays(5), T0.AddDays(6), T0.AddDays(8), T0.AddDays(10), T0.AddDays(12), T0.AddDays(14)],
            script.Timers.Select(t => t.FireAt));
        ApprovalEmail escalation = Assert.Single(script.Emails, e => e.Kind == ApprovalEmailKind.Escalation);
        Assert.Equal(Deputy, escalation.Recipient);
        Assert.Equal(6, script.Emails.Count(e => e.Kind == ApprovalEmailKind.Reminder && e.Recipient == Approver));
        Assert.Equal([3, 4, 5, 6], script.Emails.Where(e => e.Kind == ApprovalEmailKind.Reminder && e.Recipient == Deputy).Select(e => e.ReminderNumber));
        Assert.Equal("NoResponse", script.LastStatus<ParticipantStatus>().State);
    }

    [Fact]
    public void A_decision_after_a_reminder_is_taken_from_the_wait_made_before_the_reminder()
    {
        var script = new OrchestrationScript(Instance, T0);
        Task<ApprovalRoundResult> run = Run(script);
        script.FireTimer();
        Assert.Equal(ApprovalEmailKind.Reminder, script.Emails.Last().Kind);

        script.Raise(ProposalEvents.Decision, new DecisionEvent(ApprovalDecision.Reject, "Dr Andrew Baker", "Approver", "Not funded"));

        ApprovalRoundResult result = OrchestrationScript.Completed(run);
        Assert.Equal(ApprovalDecision.Reject, result.Decision);
        Assert.Equal(("Rejected", "Dr Andrew Baker", "Not funded", T0.AddDays(2)), (result.Status.State, result.Status.DecidedBy, result.Status.Comment, result.Status.DecidedAt));

        // One wait per event name for the whole round: a wait given up at each turn would take the next event and lose it.
        script.Context.Received(1).WaitForExternalEvent<JsonElement?>(ProposalEvents.Decision, Arg.Any<CancellationToken>());
        script.Context.Received(1).WaitForExternalEvent<JsonElement?>(ProposalEvents.Withdraw, Arg.Any<CancellationToken>());
        Assert.True(script.Timers[^1].Source.Task.IsCanceled, "the reminder timer outlived the decision");
    }

    [Fact]
    public void An_unreadable_or_anonymous_decision_or_one_for_another_body_is_ignored_and_the_round_waits_on()
    {
        var script = new OrchestrationScript(Instance, T0);
        Task<ApprovalRoundResult> run = Run(script);

        script.Raise(ProposalEvents.Decision, "approve, please");
        script.Raise(ProposalEvents.Decision, new { decision = "Approve" });
        script.Raise(ProposalEvents.Decision, new DecisionEvent(ApprovalDecision.Approve, "someone", "Approver", null, "other-body"));
        Assert.False(run.IsCompleted);

        // As an operator types it in the dashboard: names in any case, the decision by name.
        script.Raise(ProposalEvents.Decision, new { decision = "Reject", decidedBy = "clerk", role = "Admin", bodyId = "nhs-england" });

        ApprovalRoundResult result = OrchestrationScript.Completed(run);
        Assert.Equal(ApprovalDecision.Reject, result.Decision);
        Assert.Equal(("Rejected", "clerk"), (result.Status.State, result.Status.DecidedBy));
    }

    [Fact]
    public void An_extended_deadline_moves_the_round_and_a_resend_sends_the_request_again()
    {
        var script = new OrchestrationScript(Instance, T0);
        Task<ApprovalRoundResult> run = Run(script);

        script.Raise(ProposalEvents.ExtendDeadline, new DeadlineExtension(T0.AddDays(20), "clerk"));
        script.Raise(ProposalEvents.Resend, null);
        script.Raise(ProposalEvents.Withdraw, "Superseded");

        Assert.True(OrchestrationScript.Completed(run).Withdrawn);
        Assert.Equal(T0.AddDays(20), script.LastStatus<ParticipantStatus>().Deadline);
        ApprovalEmail[] requests = [.. script.Emails.Where(e => e.Kind == ApprovalEmailKind.Request)];
        Assert.Equal(2, requests.Length);
        Assert.Equal(T0.AddDays(20), requests[1].Deadline);
    }

    [Fact]
    public void Every_email_of_a_round_has_its_own_key_made_from_the_instance_and_a_deterministic_guid()
    {
        var script = new OrchestrationScript(Instance, T0);
        Task<ApprovalRoundResult> run = Run(script);
        while (!run.IsCompleted)
        {
            script.FireTimer();
        }

        string[] keys = [.. script.Emails.Select(e => e.IdempotencyKey)];
        Assert.Equal(keys.Length, keys.Distinct(StringComparer.Ordinal).Count());
        Assert.All(keys, k => Assert.StartsWith(Instance + ":nhs-england:", k, StringComparison.Ordinal));
        script.Context.Received(keys.Length).NewGuid();
    }

    private static Task<ApprovalRoundResult> Run(OrchestrationScript script) =>
        new GoverningBodyApprovalOrchestrator().RunAsync(script.Context, new BodyApprovalInput
        {
            ProposalId = "p-1",
            Title = "Community stroke rehabilitation",
            Summary = "Move rehabilitation into the community.",
            Body = new ParticipantPlan("nhs-england", "NHS England North Midlands", Approver, "Approver", Deputy),
            Deadline = T0.AddDays(14),
            ReminderInterval = TimeSpan.FromDays(2),
            EscalateAfter = TimeSpan.FromDays(5),
        });
}
