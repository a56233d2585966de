using System.Net;
using AngleSharp.Dom;
using Microsoft.DurableTask.Client;
using Workflows.Governance.Assembly.Consultations;
using Workflows.Governance.Assembly.Nominations;
using Workflows.Functions.Tests.Approvals;
using Workflows.Functions.Tests.Assembly;
using Page = Workflows.Functions.Tests.Dashboard.DashboardBrowser.Page;

namespace Workflows.Functions.Tests.Dashboard;

/// <summary>The assembly's rounds on the dashboard, on a real engine: rounds started and steered through the assembly's
/// admin routes, the board and each round's page read as a browser does.</summary>
public sealed class DashboardAssemblyTests(ApprovalPagesApp app) : IClassFixture<ApprovalPagesApp>
{
    private const string Leeds = "leeds-ccg";
    private const string Calderdale = "calderdale-ccg";
    private const string Wakefield = "wakefield-ccg";

    [Fact]
    public async Task An_open_nomination_round_shows_each_ccgs_live_state_and_links_to_the_instances()
    {
        string id = NewId("nr");
        using HttpClient http = this.Admin();
        var admin = new AssemblyAdmin(app, http);
        await admin.StartNominationsAsync(id, Leeds, Calderdale);
        await admin.NominateAndAcceptAsync(id, Leeds, "Dr <Jane> Smith", $"jane.{id}@leeds.example.org");
        using DashboardBrowser browser = await DashboardBrowser.SignedInAsync(app);

        Page board = await browser.GetAsync("/dashboard/assembly");
        IElement row = board.Document.QuerySelector($"section[data-kind=nominations] tr[data-round='{id}']")!;
        Page round = await browser.GetAsync(row.QuerySelector("a")!.GetAttribute("href")!);

        Assert.Equal("assembly", board.Name);
        Assert.Equal("/dashboard/assembly", board.Document.QuerySelector("nav a[data-field=assembly]")?.GetAttribute("href"));
        Assert.Equal("Open", row.QuerySelector("[data-field=state]")?.TextContent);
        Assert.Equal("Running", row.QuerySelector("[data-field=status]")?.TextContent);
        Assert.Equal("1 of 2 nominated", row.QuerySelector("[data-field=answered]")?.TextContent);
        Assert.Matches("^20[0-9]{2}-[0-9]{2}-[0-9]{2} [0-9]{2}:[0-9]{2}Z$", row.QuerySelector("[data-field=closes]")?.TextContent);

        Assert.Equal(HttpStatusCode.OK, round.Status);
        Assert.Equal("assembly-round", round.Name);
        Assert.Equal(id, round.Field("round-id"));
        Assert.Equal("NHS Calderdale CCG", round.Field("still-to-answer"));
        Assert.Equal("Accepted", State(round, Leeds));
        Assert.Equal("Invited", State(round, Calderdale));
        Assert.Equal("Dr <Jane> Smith, Clinical chair (GMC 4412345)", round.Document.QuerySelector($"tr[data-member={Leeds}] [data-field=nominee]")?.TextContent);
        Assert.DoesNotContain("<Jane>", round.Html, StringComparison.Ordinal);
        Assert.Equal("0", round.Document.QuerySelector($"tr[data-member={Calderdale}] [data-field=reminders]")?.TextContent);
        Assert.Equal("no", round.Document.QuerySelector($"tr[data-member={Calderdale}] [data-field=escalated]")?.TextContent);

        // The round and each CCG's nomination open on the instance page, with their history and actions.
        Page instance = await browser.GetAsync(round.Document.QuerySelector("[data-field=instance]")!.GetAttribute("href")!);
        Page ccg = await browser.GetAsync(round.Document.QuerySelector($"tr[data-member={Calderdale}] a[data-field=instance]")!.GetAttribute("href")!);
        Assert.Equal((HttpStatusCode.OK, id, nameof(NominationRoundOrchestrator)), (instance.Status, instance.Field("instance-id"), instance.Field("name")));
        Assert.Equal((HttpStatusCode.OK, NominationRoundOrchestrator.InstanceIdFor(id, Calderdale)), (ccg.Status, ccg.Field("instance-id")));
    }

    [Fact]
    public async Task Closed_rounds_and_the_consultation_and_work_programme_over_their_roster_show_who_answered()
    {
        string nominations = NewId("nr");
        string consultation = NewId("c");
        string programme = NewId("wp");
        using HttpClient http = this.Admin();
        var admin = new AssemblyAdmin(app, http);
        await admin.StartNominationsAsync(nominations, Leeds, Calderdale, Wakefield);
        await admin.NominateAndAcceptAsync(nominations, Leeds, "Dr Jane Smith", $"jane.{nominations}@leeds.example.org");
        await admin.NominateAndAcceptAsync(nominations, Calderdale, "Dr Omar Haq", $"omar.{nominations}@calderdale.example.org");
        await admin.CloseAsync("nominations", nominations);
        await admin.StartConsultationAsync(consultation, nominations, "Draft shared statement <of> intent");
        await admin.StartWorkProgrammeAsync(programme, nominations);
        await admin.RespondAsync(consultation, Leeds, Position.SupportWithChanges);
        await admin.ExpressInterestAsync(programme, Calderdale, "primary-care", "quality");
        using DashboardBrowser browser = await DashboardBrowser.SignedInAsync(app);

        Page board = await browser.GetAsync("/dashboard/assembly");
        Page closed = await browser.GetAsync($"/dashboard/assembly/nominations/{nominations}");
        Page consulted = await browser.GetAsync($"/dashboard/assembly/consultations/{consultation}");
        Page interest = await browser.GetAsync($"/dashboard/assembly/work-programme/{programme}");

        Assert.Equal("Closed", board.Document.QuerySelector($"tr[data-round='{nominations}'] [data-field=state]")?.TextContent);
        Assert.Equal("Completed", board.Document.QuerySelector($"tr[data-round='{nominations}'] [data-field=status]")?.TextContent);
        Assert.Equal("Draft shared statement <of> intent", board.Document.QuerySelector($"section[data-kind=consultations] tr[data-round='{consultation}'] td:nth-child(2)")?.TextContent);
        Assert.Equal("1 of 2 responded", board.Document.QuerySelector($"tr[data-round='{consultation}'] [data-field=answered]")?.TextContent);
        Assert.Equal("1 of 2 expressed interest", board.Document.QuerySelector($"section[data-kind=work-programme] tr[data-round='{programme}'] [data-field=answered]")?.TextContent);

        Assert.Equal("Closed", closed.Field("state"));
        Assert.Equal("admin: dashboard tests", closed.Field("closed-by"));
        Assert.Contains(nominations, closed.Field("record"), StringComparison.Ordinal);
        Assert.Equal("NoNomination", State(closed, Wakefield));
        Assert.Equal("2 of 3 nominated", closed.Field("answered"));

        Assert.Equal("Draft shared statement <of> intent", consulted.Field("title"));
        Assert.Equal("Responded", State(consulted, Leeds));
        Assert.Equal("Invited", State(consulted, Calderdale));
        Assert.Equal("Support with changes", consulted.Document.QuerySelector($"tr[data-member={Leeds}] td[data-document={AssemblyAdmin.Statement}]")?.TextContent);
        Assert.Equal("not sent yet", consulted.Field("reminder-sent"));
        Assert.Equal("NHS Calderdale CCG", consulted.Field("still-to-answer"));

        Assert.Equal("Expressed interest", State(interest, Calderdale));
        Assert.Equal("Primary care, Quality", interest.Document.QuerySelector($"tr[data-member={Calderdale}] [data-field=preferences]")?.TextContent);
        Assert.Equal("1", interest.Document.QuerySelector("tr[data-group=primary-care] [data-field=first-choice]")?.TextContent);
        Assert.Equal("at the close", interest.Document.QuerySelector($"tr[data-member={Calderdale}] [data-field=placed-in]")?.TextContent);

        // At its close the allocation places the member who chose, and the page shows where.
        await admin.CloseAsync("work-programme", programme);
        Page allocated = await browser.GetAsync($"/dashboard/assembly/work-programme/{programme}");
        Assert.Equal("Closed", allocated.Field("state"));
        Assert.Equal("Primary care", allocated.Document.QuerySelector($"tr[data-member={Calderdale}] [data-field=placed-in]")?.TextContent);
        Assert.Equal("1", allocated.Document.QuerySelector("tr[data-group=primary-care] [data-field=placed]")?.TextContent);
    }

    [Theory]
    [InlineData("/dashboard/assembly/consultations/no-such-round", "consultation")]
    [InlineData("/dashboard/assembly/petitions/no-such-round", "assembly round")]
    public async Task An_unknown_round_or_kind_is_a_not_found_page(string url, string what)
    {
        using DashboardBrowser browser = await DashboardBrowser.SignedInAsync(app);

        Page page = await browser.GetAsync(url);

        Assert.Equal(HttpStatusCode.NotFound, page.Status);
        Assert.Equal("not-found", page.Name);
        Assert.Equal("Round not found", page.Document.QuerySelector("h1")?.TextContent);
        Assert.Contains($"There is no {what} no-such-round", page.Document.QuerySelector("main p")?.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_proposal_is_not_a_round_of_any_kind()
    {
        string id = ApprovalPagesTests.NewId();
        await app.StartProposalAsync(id);
        using DashboardBrowser browser = await DashboardBrowser.SignedInAsync(app);

        Page page = await browser.GetAsync($"/dashboard/assembly/nominations/{id}");
        Page board = await browser.GetAsync("/dashboard/assembly");

        Assert.Equal(HttpStatusCode.NotFound, page.Status);
        Assert.Null(board.Document.QuerySelector($"tr[data-round='{id}']"));
    }

    internal static string NewId(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..(prefix.Length + 13)];

    private static string? State(Page page, string member) => page.Document.QuerySelector($"tr[data-member={member}] [data-field=state]")?.TextContent;

    private HttpClient Admin()
    {
        HttpClient http = app.Factory.CreateClient();
        http.DefaultRequestHeaders.Add("x-functions-key", DashboardBrowser.AdminKey);
        return http;
    }
}
