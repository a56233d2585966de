using System.Net;
using Workflows.Functions.Tests.Approvals;
using Workflows.Functions.Tests.Assembly;
using Page = Workflows.Functions.Tests.Dashboard.DashboardBrowser.Page;

namespace Workflows.Functions.Tests.Dashboard;

/// <summary>The assembly board on a store without a query port: rounds are still found, and the page says how.</summary>
public sealed class DashboardAssemblyWithoutQueryPortTests : IAsyncLifetime
{
    private readonly ApprovalPagesApp app = ApprovalPagesApp.WithoutQueryPort();

    public Task InitializeAsync() => this.app.InitializeAsync();

    public Task DisposeAsync() => this.app.DisposeAsync();

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
