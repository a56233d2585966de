using AngleSharp.Html.Dom;
using Microsoft.DurableTask.Client;
using Workflows.Governance.Assembly;
using Workflows.Governance.Assembly.WorkProgramme;
using Workflows.Governance.Dashboard;
using Workflows.Governance.Dashboard.Pages;
using Workflows.Governance.Pages;

namespace Workflows.Functions.Tests.Dashboard;

/// <summary>A round's page for what its status leaves out.</summary>
public sealed class AssemblyRoundPageTests
{
    private static readonly PageContext Session = new(new PageFormToken("token", "value"), null, OutboxActive: false, Refresh: false, CurrentUrl: "/dashboard/assembly");

    [Fact]
    public async Task A_round_that_has_not_published_its_status_says_so_and_links_to_its_instance()
    {
        var instance = new OrchestrationMetadata("ConsultationOrchestrator", "c-new") { RuntimeStatus = OrchestrationRuntimeStatus.Pending };

        IHtmlDocument page = await RenderAsync(new AssemblyRoundView("consultations", "consultation", instance, null));

        Assert.Equal("Not published", page.QuerySelector("[data-field=state]")?.TextContent);
        Assert.Contains("has not published its status yet", page.QuerySelector("[data-field=unpublished]")?.TextContent, StringComparison.Ordinal);
        Assert.Equal("/dashboard/instances/c-new", page.QuerySelector("[data-field=instance]")?.GetAttribute("href"));
        Assert.Null(page.QuerySelector("table[data-field=members]"));
        Assert.Null(page.QuerySelector("[data-field=closes]"));
    }

    [Fact]
    public async Task A_work_programme_round_says_its_status_records_one_reminder_for_the_round_and_no_escalation()
    {
        var instance = new OrchestrationMetadata("WorkProgrammeOrchestrator", "wp-1") { RuntimeStatus = OrchestrationRuntimeStatus.Running };
        var status = new WorkProgrammeStatus
        {
            RoundId = "wp-1",
            ClosesAt = new DateTime(2026, 5, 1, 17, 0, 0, DateTimeKind.Utc),
            ReminderSent = true,
            Groups = [new() { Id = "quality", Name = "Quality", Capacity = 2 }],
            Members = [new MemberInterestStatus { MemberId = "leeds-ccg", MemberName = "NHS Leeds CCG" }],
        };

        IHtmlDocument page = await RenderAsync(new AssemblyRoundView("work-programme", "work-programme round", instance, status));

        Assert.Equal("Work-programme round wp-1", page.QuerySelector("h1")?.TextContent);
        Assert.Equal("2026-05-01 17:00Z", page.QuerySelector("[data-field=closes]")?.TextContent);
        Assert.Equal("sent", page.QuerySelector("[data-field=reminder-sent]")?.TextContent);
        Assert.Contains("does not escalate", page.QuerySelector("[data-field=reminders-note]")?.TextContent, StringComparison.Ordinal);
        Assert.Equal("Invited", page.QuerySelector("tr[data-member=leeds-ccg] [data-field=state]")?.TextContent);
        Assert.Equal("NHS Leeds CCG", page.QuerySelector("[data-field=still-to-answer]")?.TextContent);
    }

    private static Task<IHtmlDocument> RenderAsync(AssemblyRoundView round) =>
        DashboardRender.DocumentAsync<AssemblyRoundPage>((nameof(AssemblyRoundPage.Round), round), (nameof(AssemblyRoundPage.Session), Session));
}
