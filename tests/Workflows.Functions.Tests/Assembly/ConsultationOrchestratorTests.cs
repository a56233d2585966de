using Workflows.Governance.Assembly;
using Workflows.Governance.Assembly.Consultations;
using Workflows.Governance.Assembly.Links;
using Workflows.Governance.Assembly.Records;
using static Workflows.Functions.Tests.Assembly.AssemblySamples;

namespace Workflows.Functions.Tests.Assembly;

/// <summary>A consultation against a substituted context: responses and revisions, the reminder, the close and the summary.</summary>
public sealed class ConsultationOrchestratorTests
{
    private static readonly DraftDocument[] Drafts =
    [
        new("statement", "Draft shared statement of intent", "statement.pdf", "application/pdf", "assembly/consultations/c-1/drafts/statement.pdf", 10),
        new("framework", "Draft framework for relationships", "framework.pdf", "application/pdf", "assembly/consultations/c-1/drafts/framework.pdf", 10),
    ];

    [Fact]
    public void Members_respond_and_revise_the_silent_are_reminded_once_and_the_summary_is_recorded_and_sent_at_the_close()
    {
        var script = new AssemblyScript("c-1", T0);
        Task<ConsultationSummary> run = Run(script);
        Assert.Equal(["lead@a.example.org", "lead@b.example.org", "lead@c.example.org"], script.Emails.Select(e => e.Link!.Grant.Email));
        Assert.All(script.Emails, e => Assert.Equal((AssemblyLinkKind.Respond, "c-1", T0.AddDays(10)), (e.Link!.Grant.Kind, e.Link.Grant.InstanceId, e.Link.Expires)));

        script.Raise(AssemblyEvents.Response, Response("a", Position.DoNotSupport, "First thoughts."), T0.AddDays(1));
        script.Raise(AssemblyEvents.Response, Response("a", Position.SupportWithChanges, "On reflection, with changes."), T0.AddDays(2));
        script.Raise(AssemblyEvents.Response, new ResponseEvent("b", [new DocumentView("statement", Position.Support, null)], "lead"));
        script.Raise(AssemblyEvents.Response, Response("stranger", Position.Support, null));
        MemberResponseStatus a = script.LastStatus<ConsultationStatus>().Members[0];
        Assert.Equal((2, T0.AddDays(2), Position.SupportWithChanges), (a.Revisions, a.RespondedAt, a.Positions["framework"]));
        Assert.False(script.LastStatus<ConsultationStatus>().Members[1].Responded);

        // The reminder, 3 days before the close, goes to those who have not responded.
        Assert.Equal(T0.AddDays(7), script.PendingTimer);
        int before = script.Emails.Count;
        script.FireTimer();
        Assert.Equal(["lead@b.example.org", "lead@c.example.org"], script.Emails.Skip(before).Select(e => e.To.Single().Email));
        Assert.True(script.LastStatus<ConsultationStatus>().ReminderSent);
        script.Raise(AssemblyEvents.Response, Response("c", Position.Support, null));
        script.FireTimer();

        ConsultationSummary summary = AssemblyScript.Completed(run);
        Assert.Equal(T0.AddDays(10), summary.ClosedAt);
        Assert.Equal((1, 1, 0), (summary.Documents[1].Support, summary.Documents[1].SupportWithChanges, summary.Documents[1].DoNotSupport));
        Assert.Equal(["On reflection, with changes."], summary.Documents[1].Comments.Select(c => c.Comments));
        Assert.Equal(["b"], summary.NoResponse.Select(m => m.Id));
        Assert.Equal(AssemblyRecordKind.ConsultationSummary, Assert.Single(script.Records).Kind);
        Assert.Equal(Reviewers, script.Emails[^1].To);
        Assert.Contains(script.Emails[^1].Paragraphs, p => p.Contains("On reflection, with changes.", StringComparison.Ordinal));
        Assert.Equal((RoundState.Closed, "record.json"), (script.LastStatus<ConsultationStatus>().State, script.LastStatus<ConsultationStatus>().RecordPath));
    }

    [Fact]
    public void An_extension_reinvites_every_member_with_links_to_the_new_close_and_brings_a_new_reminder()
    {
        var script = new AssemblyScript("c-1", T0);
        Task<ConsultationSummary> run = Run(script);
        script.FireTimer();
        int before = script.Emails.Count;

        script.Raise(AssemblyEvents.Extend, new RoundExtension(T0.AddDays(20), "admin"));

        Assert.Equal(3, script.Emails.Count - before);
        Assert.All(script.Emails.Skip(before), e => Assert.Equal(T0.AddDays(20), e.Link!.Expires));
        Assert.Equal(T0.AddDays(17), script.PendingTimer);
        Assert.False(run.IsCompleted);
    }

    [Fact]
    public void An_early_close_summarises_at_once_and_a_resend_goes_to_the_one_member_named()
    {
        var script = new AssemblyScript("c-1", T0);
        Task<ConsultationSummary> run = Run(script);
        script.Raise(AssemblyEvents.Resend, new RoundResend("c", "admin"));
        Assert.Equal("lead@c.example.org", script.Emails[^1].Link!.Grant.Email);

        script.Raise(AssemblyEvents.Close, "admin: Helen", T0.AddDays(1));

        ConsultationSummary summary = AssemblyScript.Completed(run);
        Assert.Equal((T0.AddDays(1), 3), (summary.ClosedAt, summary.NoResponse.Count));
        Assert.Equal("admin: Helen", script.LastStatus<ConsultationStatus>().ClosedBy);
    }

    private static ResponseEvent Response(string member, Position framework, string? comment) =>
        new(member, [new DocumentView("statement", Position.Support, null), new DocumentView("framework", framework, comment)], $"Lead of {member}");

    private static Task<ConsultationSummary> Run(AssemblyScript script) => new ConsultationOrchestrator().RunAsync(script.Context, new ConsultationInput
    {
        ConsultationId = "c-1",
        Title = "Drafts for the assembly",
        AssemblyName = "NHS Commissioning Assembly",
        Documents = Drafts,
        Members = [Member("a"), Member("b"), Member("c")],
        DesignGroup = Reviewers,
        ClosesAt = T0.AddDays(10),
        ReminderBeforeClose = TimeSpan.FromDays(3),
    });
}
