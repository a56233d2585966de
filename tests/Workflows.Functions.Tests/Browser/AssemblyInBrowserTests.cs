using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Workflows.Governance.Assembly;
using Workflows.Governance.Assembly.Nominations;
using Workflows.Functions.Tests.Assembly;
using Workflows.Functions.Tests.Dashboard;

namespace Workflows.Functions.Tests.Browser;

/// <summary>The assembly's response forms behind their emailed, signed links and the rounds on the dashboard, in a real
/// browser (Debian's chromium through Playwright) against the app on Kestrel: what a CCG's officer, a design-group
/// reviewer, a lead and an operator click.</summary>
public sealed class AssemblyInBrowserTests(BrowserApp browser) : IClassFixture<BrowserApp>
{
    private const string Leeds = "leeds-ccg";
    private const string Calderdale = "calderdale-ccg";

    // Each step waits for the element it asserts, not for the load event, which a busy machine can hold back.
    private static readonly PageGotoOptions Arrived = new() { WaitUntil = WaitUntilState.Commit };

    private AssemblyConfiguration Configuration => browser.App.Factory.Services.GetRequiredService<AssemblyConfiguration>();

    [Fact]
    public async Task A_ccg_nominates_through_its_emailed_link_a_reviewer_accepts_through_theirs_and_the_board_shows_the_lead()
    {
        string id = DashboardAssemblyTests.NewId("nr");
        using HttpClient http = this.Admin();
        await new AssemblyAdmin(browser.App, http).StartNominationsAsync(id, Leeds);
        IPage page = await browser.NewPageAsync();
        var failures = new List<string>();

        // The accountable officer opens the form: it names the CCG and records nothing yet.
        await OutboxLinks.FollowAsync(page, this.Member(Leeds).AccountableOfficer.Email, id, "Nominate a lead");
        string nominationLink = page.Url;
        Assert.Equal("nominate", await page.GetAttributeAsync("main", "data-page"));
        Assert.Equal("NHS Leeds CCG", (await page.Locator("[data-field=member]").TextContentAsync())?.Trim());
        await AxeChecks.CheckAsync(page, failures);
        await BrowserApp.ScreenshotAsync(page, "assembly-nominate");
        await page.FillAsync("#name", "Dr Jane <Smith>");
        await page.FillAsync("#role", "Clinical chair");
        await page.FillAsync("#registration", "GMC 4412345");
        await page.FillAsync("#email", $"jane.{id}@leeds.example.org");
        await page.ClickAsync("form button[type=submit]");
        await page.WaitForSelectorAsync("main[data-page=recorded]");
        await BrowserApp.ScreenshotAsync(page, "assembly-nomination-recorded");

        // A design-group member reviews it from their own email and accepts it.
        await OutboxLinks.FollowAsync(page, this.Configuration.DesignGroup.Members[0].Email, id, "Review the nomination");
        Assert.Equal("review", await page.GetAttributeAsync("main", "data-page"));
        Assert.Equal("Dr Jane <Smith>", (await page.Locator("[data-field=name]").TextContentAsync())?.Trim());
        await AxeChecks.CheckAsync(page, failures);
        await page.CheckAsync("input[name=decision][value=accept]");
        await page.ClickAsync("form button[type=submit]");
        await page.WaitForSelectorAsync("main[data-page=recorded]");

        // The officer's link is used up now.
        await page.GotoAsync(nominationLink, Arrived);
        await page.WaitForSelectorAsync("main[data-page=used]");

        // The operator sees the accepted lead on the round's page, and the round on the board.
        await BrowserApp.SignInAsync(page, $"/dashboard/assembly/nominations/{id}");
        await BrowserApp.ReloadUntilAsync(page, $"tr[data-member={Leeds}] [data-field=state]", "Accepted");
        Assert.Equal("Dr Jane <Smith>, Clinical chair (GMC 4412345)", (await page.Locator($"tr[data-member={Leeds}] [data-field=nominee]").TextContentAsync())?.Trim());
        await AxeChecks.CheckAsync(page, failures);
        await BrowserApp.ScreenshotAsync(page, "dashboard-assembly-round");

        await page.ClickAsync("nav a[data-field=assembly]");
        await page.WaitForSelectorAsync($"section[data-kind=nominations] tr[data-round='{id}']");
        Assert.Equal("1 of 1 nominated", (await page.Locator($"tr[data-round='{id}'] [data-field=answered]").TextContentAsync())?.Trim());
        await AxeChecks.CheckAsync(page, failures);
        await BrowserApp.ScreenshotAsync(page, "dashboard-assembly");

        await page.ClickAsync($"tr[data-round='{id}'] a[data-field=status]");
        await page.WaitForSelectorAsync("main[data-page=instance]");
        Assert.Equal(id, (await page.Locator("[data-field=instance-id]").TextContentAsync())?.Trim());
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Fact]
    public async Task A_lead_responds_to_a_consultation_revises_it_and_chooses_groups_through_emailed_links_and_the_board_shows_both()
    {
        string nominations = DashboardAssemblyTests.NewId("nr");
        string consultation = DashboardAssemblyTests.NewId("c");
        string programme = DashboardAssemblyTests.NewId("wp");
        string lead = $"lead.{nominations}@leeds.example.org";
        using HttpClient http = this.Admin();
        var admin = new AssemblyAdmin(browser.App, http);
        await admin.StartNominationsAsync(nominations, Leeds, Calderdale);
        await admin.NominateAndAcceptAsync(nominations, Leeds, "Dr Jane Smith", lead);
        await admin.CloseAsync("nominations", nominations);
        await admin.StartConsultationAsync(consultation, nominations, "Draft shared statement of intent");
        await admin.StartWorkProgrammeAsync(programme, nominations);
        IPage page = await browser.NewPageAsync();
        var failures = new List<string>();

        // The lead gives a position with comments, then revises it from the same link.
        await OutboxLinks.FollowAsync(page, lead, consultation, "Respond");
        string responseLink = page.Url;
        Assert.Equal("respond", await page.GetAttributeAsync("main", "data-page"));
        Assert.Equal(1, await page.Locator($"fieldset[data-document={AssemblyAdmin.Statement}] a").CountAsync());
        await AxeChecks.CheckAsync(page, failures);
        await page.CheckAsync($"input[name=position-{AssemblyAdmin.Statement}][value=SupportWithChanges]");
        await page.FillAsync($"#comments-{AssemblyAdmin.Statement}", "Name the clinical networks.");
        await BrowserApp.ScreenshotAsync(page, "assembly-respond");
        await page.ClickAsync("form button[type=submit]");
        await page.WaitForSelectorAsync("main[data-page=recorded]");

        await page.GotoAsync(responseLink, Arrived);
        await page.WaitForSelectorAsync("main[data-page=respond] [data-field=responded]");
        Assert.True(await page.IsCheckedAsync($"input[name=position-{AssemblyAdmin.Statement}][value=SupportWithChanges]"));
        await page.CheckAsync($"input[name=position-{AssemblyAdmin.Statement}][value=Support]");
        await page.ClickAsync("form button[type=submit]");
        await page.WaitForSelectorAsync("main[data-page=recorded]");

        // The lead numbers two groups in order of preference.
        await OutboxLinks.FollowAsync(page, lead, programme, "Choose groups");
        Assert.Equal("interest", await page.GetAttributeAsync("main", "data-page"));
        await AxeChecks.CheckAsync(page, failures);
        await page.SelectOptionAsync("#rank-quality", "1");
        await page.SelectOptionAsync("#rank-primary-care", "2");
        await BrowserApp.ScreenshotAsync(page, "assembly-interest");
        await page.ClickAsync("form button[type=submit]");
        await page.WaitForSelectorAsync("main[data-page=recorded]");

        // The operator sees the revised response and the choice.
        await BrowserApp.SignInAsync(page, $"/dashboard/assembly/consultations/{consultation}");
        await BrowserApp.ReloadUntilAsync(page, $"tr[data-member={Leeds}] [data-field=revisions]", "2");
        Assert.Equal("Support", (await page.Locator($"tr[data-member={Leeds}] td[data-document={AssemblyAdmin.Statement}]").TextContentAsync())?.Trim());
        Assert.StartsWith("Responded", (await page.Locator($"tr[data-member={Leeds}] [data-field=state]").TextContentAsync())?.Trim(), StringComparison.Ordinal);
        await AxeChecks.CheckAsync(page, failures);
        await BrowserApp.ScreenshotAsync(page, "dashboard-assembly-consultation");

        await page.GotoAsync($"/dashboard/assembly/work-programme/{programme}", Arrived);
        await BrowserApp.ReloadUntilAsync(page, $"tr[data-member={Leeds}] [data-field=preferences]", "Quality, Primary care");
        await AxeChecks.CheckAsync(page, failures);
        await BrowserApp.ScreenshotAsync(page, "dashboard-assembly-work-programme");
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    private MemberCcg Member(string id) => this.Configuration.Members.Single(m => m.Id == id);

    private HttpClient Admin()
    {
        var http = new HttpClient { BaseAddress = new Uri(browser.BaseUrl) };
        http.DefaultRequestHeaders.Add("x-functions-key", DashboardBrowser.AdminKey);
        return http;
    }
}
