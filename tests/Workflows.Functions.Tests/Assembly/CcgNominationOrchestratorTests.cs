using NSubstitute;
using Workflows.Governance.Assembly;
using Workflows.Governance.Assembly.Links;
using Workflows.Governance.Assembly.Nominations;
using Workflows.Governance.Assembly.Notices;
using static Workflows.Functions.Tests.Assembly.AssemblySamples;

namespace Workflows.Functions.Tests.Assembly;

/// <summary>One CCG's nomination against a substituted context: reminders, escalation, review, return, close, extension.</summary>
public sealed class CcgNominationOrchestratorTests
{
    private const string Instance = "nr-1:leeds";
    private static readonly Nomination Lead = new("Dr Jane Smith", "Clinical chair", "GMC 4412345", "jane.smith@leeds.example.org");

    [Fact]
    public void A_silent_ccg_is_reminded_every_interval_escalated_once_and_ends_without_a_nomination()
    {
        var script = new AssemblyScript(Instance, T0);
        Task<CcgNominationStatus> run = Run(script);

        while (!run.IsCompleted)
        {
            script.FireTimer();
        }

        CcgNominationStatus result = AssemblyScript.Completed(run);
        Assert.Equal(NominationState.NoNomination, result.State);
        Assert.Equal((3, true), (result.RemindersSent, result.Escalated));

        // Reminders at days 2, 4 and 6, the escalation at day 5, the close at day 7.
        Assert.Equal([T0.AddDays(2), T0.AddDays(4), T0.AddDays(5), T0.AddDays(6), T0.AddDays(7)], script.Timers.Select(t => t.FireAt));
        Assert.Equal(4, script.EmailsTo("officer@leeds.example.org").Count);
        AssemblyEmail[] deputy = [.. script.EmailsTo("deputy@leeds.example.org")];
        Assert.Equal(["Deputy", "Deputy"], deputy.Select(e => e.Link!.Grant.Role));
        Assert.StartsWith("Escalated to you", deputy[0].Title, StringComparison.Ordinal);
        Assert.StartsWith("Reminder 3", deputy[1].Title, StringComparison.Ordinal);
        Assert.All(script.Emails, e => Assert.Equal((AssemblyLinkKind.Nominate, Instance, 1, T0.AddDays(7)), (e.Link!.Grant.Kind, e.Link.Grant.InstanceId, e.Link.Grant.Attempt, e.Link.Expires)));
    }

    [Fact]
    public void A_returned_nomination_is_made_again_and_accepted_and_links_of_the_first_attempt_are_used_up()
    {
        var script = new AssemblyScript(Instance, T0);
        Task<CcgNominationStatus> run = Run(script);

        script.Raise(AssemblyEvents.Nomination, new NominationEvent(1, Lead with { Registration = "GMC ?" }, "Officer of leeds"), T0.AddHours(1));
        CcgNominationStatus nominated = script.LastStatus<CcgNominationStatus>();
        Assert.Equal((NominationState.Nominated, "Officer of leeds", T0.AddHours(1)), (nominated.State, nominated.NominatedBy, nominated.NominatedAt));
        AssemblyEmail[] reviews = [.. script.Emails.Where(e => e.Link?.Grant.Kind == AssemblyLinkKind.Review)];
        Assert.Equal(Reviewers.Select(p => p.Email), reviews.Select(e => e.Link!.Grant.Email));
        Assert.All(reviews, e => Assert.Equal(1, e.Link!.Grant.Attempt));

        script.Raise(AssemblyEvents.Review, new ReviewEvent(1, Accept: false, "  Give the full GMC number.  ", "Dr Anil Chaudhry"));
        CcgNominationStatus returned = script.LastStatus<CcgNominationStatus>();
        Assert.Equal((NominationState.Returned, 2, "Give the full GMC number."), (returned.State, returned.Attempt, returned.ReturnReason));
        AssemblyEmail again = script.Emails[^1];
        Assert.Equal((2, "officer@leeds.example.org"), (again.Link!.Grant.Attempt, again.Link.Grant.Email));
        Assert.Contains(again.Paragraphs, p => p.EndsWith("Give the full GMC number.", StringComparison.Ordinal));

        // A form still open on the first attempt changes nothing.
        script.Raise(AssemblyEvents.Nomination, new NominationEvent(1, Lead, "Officer of leeds"));
        Assert.Equal(NominationState.Returned, script.LastStatus<CcgNominationStatus>().State);

        script.Raise(AssemblyEvents.Nomination, new NominationEvent(2, Lead, "Officer of leeds"));
        script.Raise(AssemblyEvents.Review, new ReviewEvent(2, Accept: true, null, "Dr Rebecca Moorhouse"));

        CcgNominationStatus result = AssemblyScript.Completed(run);
        Assert.Equal((NominationState.Accepted, Lead, "Dr Rebecca Moorhouse"), (result.State, result.Nomination, result.ReviewedBy));
        Assert.Contains(script.Emails[^1].To, p => p.Email == Lead.Email);
        Assert.True(script.Timers[^1].Source.Task.IsCanceled, "the close timer outlived the acceptance");
    }

    [Fact]
    public void A_return_without_a_reason_a_review_of_another_attempt_and_an_invalid_nomination_are_ignored()
    {
        var script = new AssemblyScript(Instance, T0);
        Task<CcgNominationStatus> run = Run(script);

        script.Raise(AssemblyEvents.Nomination, new NominationEvent(1, Lead with { Email = "not an address" }, "x"));
        Assert.Equal(NominationState.Invited, script.LastStatus<CcgNominationStatus>().State);
        script.Raise(AssemblyEvents.Nomination, new NominationEvent(1, Lead, "x"));
        script.Raise(AssemblyEvents.Review, new ReviewEvent(1, Accept: false, " ", "y"));
        script.Raise(AssemblyEvents.Review, new ReviewEvent(2, Accept: true, null, "y"));
        script.Raise(AssemblyEvents.Review, "accept it");

        Assert.False(run.IsCompleted);
        Assert.Equal(NominationState.Nominated, script.LastStatus<CcgNominationStatus>().State);
    }

    [Fact]
    public void Closing_early_with_an_unreviewed_nomination_ends_it_as_unreviewed()
    {
        var script = new AssemblyScript(Instance, T0);
        Task<CcgNominationStatus> run = Run(script);
        script.Raise(AssemblyEvents.Nomination, new NominationEvent(1, Lead, "x"));

        script.Raise(AssemblyEvents.Close, "admin: Helen");

        Assert.Equal(NominationState.Unreviewed, AssemblyScript.Completed(run).State);
    }

    [Fact]
    public void An_extension_moves_the_close_and_resends_the_links_valid_to_it_and_an_earlier_date_is_ignored()
    {
        var script = new AssemblyScript(Instance, T0);
        Task<CcgNominationStatus> run = Run(script);
        int sent = script.Emails.Count;

        script.Raise(AssemblyEvents.Extend, new RoundExtension(T0.AddDays(6), "admin"));
        Assert.Equal(sent, script.Emails.Count);
        script.Raise(AssemblyEvents.Extend, new RoundExtension(T0.AddDays(20), "admin"));

        Assert.Equal(T0.AddDays(20), script.LastStatus<CcgNominationStatus>().ClosesAt);
        Assert.Equal(T0.AddDays(20), script.Emails[^1].Link!.Expires);
        Assert.Equal(T0.AddDays(2), script.PendingTimer);
        Assert.False(run.IsCompleted);
    }

    [Fact]
    public void Every_email_has_its_own_key_made_from_the_instance_not_from_the_activity()
    {
        var script = new AssemblyScript(Instance, T0);
        Task<CcgNominationStatus> run = Run(script);
        script.FireTimer();
        script.Raise(AssemblyEvents.Resend, new RoundResend(null, "admin"));
        script.Raise(AssemblyEvents.Nomination, new NominationEvent(1, Lead, "x"));
        script.Raise(AssemblyEvents.Resend, new RoundResend(null, "admin"));

        string[] keys = [.. script.Emails.Select(e => e.IdempotencyKey)];
        Assert.Equal(keys.Length, keys.Distinct(StringComparer.Ordinal).Count());
        Assert.All(keys, k => Assert.StartsWith(Instance + ":leeds:", k, StringComparison.Ordinal));
        Assert.Equal(2 * Reviewers.Length, script.Emails.Count(e => e.Link?.Grant.Kind == AssemblyLinkKind.Review));
        Assert.False(run.IsCompleted);
    }

    [Fact]
    public void A_round_started_now_anchors_its_keys_to_its_first_episode_so_a_rerun_episode_makes_the_same_ones()
    {
        string[] KeysOfARun(TimeSpan episodeLag)
        {
            var script = new AssemblyScript(Instance, T0);
            Task<CcgNominationStatus> run = Run(script, stableEmailKeys: true);

            // The episodes after the anchor run at another time in each run, as a re-run episode does after a crash.
            script.Now = T0 + episodeLag;
            script.Raise(AssemblyEvents.Resend, new RoundResend(null, "admin"));
            Assert.False(run.IsCompleted);

            // NewGuid is derived from the episode's time: an anchored round does not use it.
            script.Context.DidNotReceive().NewGuid();
            return [.. script.Emails.Select(e => e.IdempotencyKey)];
        }

        string[] first = KeysOfARun(TimeSpan.FromSeconds(1));
        string[] again = KeysOfARun(TimeSpan.FromSeconds(30));

        Assert.NotEmpty(first);
        Assert.Equal(first, again);
        Assert.Equal(first.Length, first.Distinct(StringComparer.Ordinal).Count());
    }

    private static Task<CcgNominationStatus> Run(AssemblyScript script, bool stableEmailKeys = false) => new CcgNominationOrchestrator().RunAsync(script.Context, new CcgNominationInput
    {
        StableEmailKeys = stableEmailKeys,
        RoundId = "nr-1",
        AssemblyName = "NHS Commissioning Assembly",
        Member = Ccg("leeds"),
        DesignGroup = Reviewers,
        ClosesAt = T0.AddDays(7),
        ReminderInterval = TimeSpan.FromDays(2),
        EscalateAfter = TimeSpan.FromDays(5),
    });
}
