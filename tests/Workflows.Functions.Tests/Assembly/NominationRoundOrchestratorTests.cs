using Workflows.Governance.Assembly;
using Workflows.Governance.Assembly.Nominations;
using Workflows.Governance.Assembly.Records;
using static Workflows.Functions.Tests.Assembly.AssemblySamples;

namespace Workflows.Functions.Tests.Assembly;

/// <summary>The round over its CCGs against a substituted context.</summary>
public sealed class NominationRoundOrchestratorTests
{
    private static readonly Nomination Lead = new("Dr Jane Smith", "Clinical chair", "GMC 4412345", "jane@a.example.org");

    [Fact]
    public void Each_ccg_gets_its_own_nomination_and_the_roster_of_accepted_leads_is_recorded_and_sent_to_the_design_group()
    {
        var script = new AssemblyScript("nr-1", T0);
        Task<Roster> run = Run(script);
        Assert.Equal(["nr-1:a", "nr-1:b", "nr-1:c"], script.Children.Select(c => c.InstanceId));
        Assert.Equal(RoundState.Open, script.LastStatus<NominationRoundStatus>().State);

        script.Children[1].Source.SetResult(Finished("b", NominationState.NoNomination));
        Assert.Equal(NominationState.NoNomination, script.LastStatus<NominationRoundStatus>().Members[1].State);
        script.Children[0].Source.SetResult(Finished("a", NominationState.Accepted) with { Nomination = Lead, ReviewedBy = "Dr Anil Chaudhry" });
        script.Children[2].Source.SetResult(Finished("c", NominationState.Unreviewed) with { Nomination = Lead });

        Roster roster = AssemblyScript.Completed(run);
        RosterLead lead = Assert.Single(roster.Leads);
        Assert.Equal(("a", Lead, "Dr Anil Chaudhry"), (lead.MemberId, lead.Lead, lead.AcceptedBy));
        Assert.Equal(["b", "c"], roster.Missing.Select(m => m.MemberId));
        AssemblyRecord record = Assert.Single(script.Records);
        Assert.Equal((AssemblyRecordKind.Roster, "nr-1", roster), (record.Kind, record.RoundId, record.Roster));
        Assert.Equal(Reviewers, script.Emails[^1].To);
        NominationRoundStatus status = script.LastStatus<NominationRoundStatus>();
        Assert.Equal((RoundState.Closed, "record.json"), (status.State, status.RecordPath));
    }

    [Fact]
    public void A_close_and_a_later_date_go_to_every_ccg_still_nominating()
    {
        var script = new AssemblyScript("nr-1", T0);
        Task<Roster> run = Run(script);
        script.Children[0].Source.SetResult(Finished("a", NominationState.NoNomination));

        script.Raise(AssemblyEvents.Extend, new RoundExtension(T0.AddDays(30), "admin"));
        script.Raise(AssemblyEvents.Extend, new RoundExtension(T0.AddDays(3), "admin"));
        script.Raise(AssemblyEvents.Close, "admin: Helen");

        Assert.Equal(
            [("nr-1:b", AssemblyEvents.Extend), ("nr-1:c", AssemblyEvents.Extend), ("nr-1:b", AssemblyEvents.Close), ("nr-1:c", AssemblyEvents.Close)],
            script.Sent.Select(s => (s.InstanceId, s.Name)));
        Assert.Equal(T0.AddDays(30), ((RoundExtension)script.Sent[0].Payload).ClosesAt);
        Assert.Equal((T0.AddDays(30), "admin: Helen"), (script.LastStatus<NominationRoundStatus>().ClosesAt, script.LastStatus<NominationRoundStatus>().ClosedBy));
        Assert.False(run.IsCompleted);
    }

    private static CcgNominationStatus Finished(string id, NominationState state) => new() { MemberId = id, MemberName = id, State = state };

    private static Task<Roster> Run(AssemblyScript script) => new NominationRoundOrchestrator().RunAsync(script.Context, new NominationRoundInput
    {
        RoundId = "nr-1",
        AssemblyName = "NHS Commissioning Assembly",
        Members = [Ccg("a"), Ccg("b"), Ccg("c")],
        DesignGroup = Reviewers,
        ClosesAt = T0.AddDays(7),
        ReminderInterval = TimeSpan.FromDays(2),
        EscalateAfter = TimeSpan.FromDays(5),
    });
}
