using Workflows.Governance.Assembly;
using Workflows.Governance.Assembly.Records;
using Workflows.Governance.Assembly.WorkProgramme;
using static Workflows.Functions.Tests.Assembly.AssemblySamples;

namespace Workflows.Functions.Tests.Assembly;

/// <summary>A work-programme round against a substituted context.</summary>
public sealed class WorkProgrammeOrchestratorTests
{
    [Fact]
    public void Interests_are_allocated_by_the_rule_at_the_close_recorded_and_each_member_told_its_group()
    {
        var script = new AssemblyScript("wp-1", T0);
        Task<WorkProgrammeAllocation> run = Run(script);

        script.Raise(AssemblyEvents.Interest, new InterestEvent("b", ["incentives", "quality"], "lead"), T0.AddHours(1));
        script.Raise(AssemblyEvents.Interest, new InterestEvent("a", ["incentives"], "lead"), T0.AddHours(2));
        script.Raise(AssemblyEvents.Interest, new InterestEvent("c", ["gardening"], "lead"), T0.AddHours(3));
        script.Raise(AssemblyEvents.Interest, new InterestEvent("c", ["quality", "quality"], "lead"), T0.AddHours(4));

        // b revises after a: a now has the earlier submission and takes the one place in incentives.
        script.Raise(AssemblyEvents.Interest, new InterestEvent("b", ["incentives", "quality"], "lead"), T0.AddHours(5));
        Assert.Equal(2, script.LastStatus<WorkProgrammeStatus>().Members[1].Revisions);
        while (!run.IsCompleted)
        {
            script.FireTimer();
        }

        WorkProgrammeAllocation allocation = AssemblyScript.Completed(run);
        Assert.Equal(["a"], allocation.Groups[1].Members.Select(m => m.MemberId));
        Assert.Equal([("b", 2)], allocation.Groups[0].Members.Select(m => (m.MemberId, m.PreferenceRank)));
        Assert.Equal(["c"], allocation.NoResponse.Select(m => m.Id));
        Assert.Equal(AssemblyRecordKind.Allocation, Assert.Single(script.Records).Kind);
        Assert.Equal(["incentives", "quality", null], script.LastStatus<WorkProgrammeStatus>().Members.Select(m => m.PlacedIn));
        Assert.EndsWith("Incentives", Assert.Single(script.EmailsTo("lead@a.example.org"), e => e.Link is null).Title, StringComparison.Ordinal);
        Assert.DoesNotContain(script.EmailsTo("lead@c.example.org"), e => e.Link is null);
        Assert.Equal(Reviewers, script.Emails[^1].To);
    }

    private static Task<WorkProgrammeAllocation> Run(AssemblyScript script) => new WorkProgrammeOrchestrator().RunAsync(script.Context, new WorkProgrammeInput
    {
        RoundId = "wp-1",
        AssemblyName = "NHS Commissioning Assembly",
        Members = [Member("a"), Member("b"), Member("c")],
        Groups =
        [
            new WorkProgrammeGroup { Id = "quality", Name = "Quality", Capacity = 2 },
            new WorkProgrammeGroup { Id = "incentives", Name = "Incentives", Capacity = 1 },
        ],
        DesignGroup = Reviewers,
        ClosesAt = T0.AddDays(7),
        ReminderBeforeClose = TimeSpan.FromDays(2),
    });
}
