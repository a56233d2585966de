using System.Net;
using System.Text.Json;
using Workflows.Governance.Proposals;
using Workflows.Functions.Tests.Approvals;
using Workflows.Functions.Tests.Assembly;
using Page = Workflows.Functions.Tests.Dashboard.DashboardBrowser.Page;

namespace Workflows.Functions.Tests.Dashboard;

/// <summary>The dashboard, its assembly board and the proposal list on a store without a query port: what the SDK's query
/// can do works, and the rest is said plainly.</summary>
public sealed class DashboardWithoutQueryPortTests : IAsyncLifetime
{
    private readonly ApprovalPagesApp app = ApprovalPagesApp.WithoutQueryPort();

    public Task InitializeAsync() => this.app.InitializeAsync();

    public Task DisposeAsync() => this.app.DisposeAsync();

    [Fact]
    public async Task The_list_shows_the_instances_and_says_that_counts_backlog_and_sorting_are_not_available()
    {
        string id = ApprovalPagesTests.NewId();
        await this.app.StartProposalAsync(id);
        using DashboardBrowser browser = await DashboardBrowser.SignedInAsync(this.app);

        Page list = await browser.GetAsync("/dashboard");

        Assert.Equal(HttpStatusCode.OK, list.Status);
        Assert.NotNull(list.Document.QuerySelector($"tr[data-instance='{id}']"));
        Assert.Contains("not available on this store", list.Field("counts-unavailable"), StringComparison.Ordinal);
        Assert.Contains("not available on this store", list.Field("backlog-unavailable"), StringComparison.Ordinal);
        Assert.NotNull(list.Field("sort-unavailable"));
        Assert.Empty(list.Document.QuerySelectorAll("a[data-sort]"));
        Assert.Null(list.Document.QuerySelector("input[name=name]"));
    }

    [Fact]
    public async Task Asking_for_a_filter_or_order_the_store_cannot_do_is_refused_with_the_reason()
    {
        using DashboardBrowser browser = await DashboardBrowser.SignedInAsync(this.app);

        Page byName = await browser.GetAsync("/dashboard?name=ProposalOrchestrator");
        Page sorted = await browser.GetAsync("/dashboard?sort=name");

        Assert.Equal(HttpStatusCode.BadRequest, byName.Status);
        Assert.Equal("This store cannot filter by orchestrator; clear the Orchestrator field.", byName.Field("error"));
        Assert.Equal(HttpStatusCode.BadRequest, sorted.Status);
        Assert.Equal("This store cannot sort the list by name.", sorted.Field("error"));
        Assert.Empty(byName.Document.QuerySelectorAll("tr[data-instance]"));
    }

    [Fact]
    public async Task The_board_and_the_proposal_api_still_find_proposals_among_other_instances()
    {
        string id = ApprovalPagesTests.NewId();
        await this.app.StartProposalAsync(id);
        using DashboardBrowser browser = await DashboardBrowser.SignedInAsync(this.app);

        Page board = await browser.GetAsync("/dashboard/proposals");
        using HttpRequestMessage request = new(HttpMethod.Get, new Uri("/api/proposals", UriKind.Relative));
        request.Headers.Add("x-functions-key", DashboardBrowser.AdminKey);
        using HttpResponseMessage listed = await browser.Http.SendAsync(request);

        Assert.NotNull(board.Document.QuerySelector($"[data-stage={ProposalStage.CommitteeSignOff}] article[data-proposal='{id}']"));
        Assert.Equal(HttpStatusCode.OK, listed.StatusCode);
        using JsonDocument json = JsonDocument.Parse(await listed.Content.ReadAsStringAsync());
        Assert.Contains(json.RootElement.EnumerateArray(), p => p.GetProperty("id").GetString() == id);
        Assert.DoesNotContain(json.RootElement.EnumerateArray(), p => p.GetProperty("id").GetString()!.Contains(':', StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_board_says_that_rounds_are_picked_out_of_the_latest_instances_and_still_lists_a_new_round()
    {
        string id = DashboardAssemblyTests.NewId("nr");
        using HttpClient http = this.app.Factory.CreateClient();
        http.DefaultRequestHeaders.Add("x-functions-key", DashboardBrowser.AdminKey);
        await new AssemblyAdmin(this.app, http).StartNominationsAsync(id, "leeds-ccg");
        using DashboardBrowser browser = await DashboardBrowser.SignedInAsync(this.app);

        Page board = await browser.GetAsync("/dashboard/assembly");
        Page round = await browser.GetAsync($"/dashboard/assembly/nominations/{id}");

        Assert.Equal(HttpStatusCode.OK, board.Status);
        Assert.Contains("cannot find instances by orchestrator", board.Field("rounds-unfiltered"), StringComparison.Ordinal);
        Assert.Equal("0 of 1 nominated", board.Document.QuerySelector($"tr[data-round='{id}'] [data-field=answered]")?.TextContent);
        Assert.Equal("NHS Leeds CCG", round.Field("still-to-answer"));
    }
}
