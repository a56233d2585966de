using System.Net;
using System.Text.Json;
using Microsoft.DurableTask;

namespace Workflows.Functions.Tests.Proposals.Http;

public sealed class ProposalListTests(ProposalApiApp app) : IClassFixture<ProposalApiApp>
{
    private const string ContinuationToken = "x-ms-continuation-token";

    [Fact]
    public async Task The_list_holds_proposals_only_filtered_by_stage_outcome_and_runtime_status()
    {
        string open = await app.StartAsync(ProposalApiApp.ValidRequest(ProposalApiApp.NewId("open")));
        string withdrawn = await app.StartAsync(ProposalApiApp.ValidRequest(ProposalApiApp.NewId("gone")));
        string other = ProposalApiApp.NewId("other");
        await app.Durable.ScheduleNewOrchestrationInstanceAsync("SomethingElse", null, new StartOrchestrationOptions(other));
        await app.WaitForStageAsync(withdrawn, "CommitteeSignOff");
        using (HttpResponseMessage withdraw = await app.PostAsync($"/api/proposals/{withdrawn}/withdraw", """{ "reason": "Superseded" }"""))
        {
            Assert.Equal(HttpStatusCode.Accepted, withdraw.StatusCode);
        }

        await app.WaitForAsync(withdrawn, p => p.GetProperty("runtimeStatus").GetString() == "Completed", "the withdrawal");

        JsonElement[] all = await this.ListAsync(string.Empty);
        JsonElement[] decided = await this.ListAsync("?stage=Decided");
        JsonElement[] signOff = await this.ListAsync("?stage=committeesignoff,Congress");
        JsonElement[] outcome = await this.ListAsync("?outcome=Withdrawn");
        JsonElement[] approved = await this.ListAsync("?outcome=Approved");
        JsonElement[] running = await this.ListAsync("?status=Running,Pending");
        JsonElement[] completed = await this.ListAsync("?status=completed");

        Assert.Contains(all, p => Id(p) == open);
        Assert.Contains(all, p => Id(p) == withdrawn);
        Assert.DoesNotContain(all, p => Id(p) == other);
        Assert.Equal([withdrawn], Ids(decided, open, withdrawn));
        Assert.Equal([open], Ids(signOff, open, withdrawn));
        Assert.Equal([withdrawn], Ids(outcome, open, withdrawn));
        Assert.Empty(Ids(approved, open, withdrawn));
        Assert.Equal([open], Ids(running, open, withdrawn));
        Assert.Equal([withdrawn], Ids(completed, open, withdrawn));

        JsonElement summary = all.Single(p => Id(p) == withdrawn);
        Assert.Equal("Decided", summary.GetProperty("stage").GetString());
        Assert.Equal("Withdrawn", summary.GetProperty("outcome").GetString());
        Assert.Equal("Community stroke rehabilitation", summary.GetProperty("title").GetString());
        Assert.Equal("service-change", summary.GetProperty("category").GetString());
        Assert.Equal("cannock-chase-ccg", summary.GetProperty("raisedBy").GetProperty("body").GetString());
        Assert.Equal("Completed", summary.GetProperty("runtimeStatus").GetString());
        Assert.Equal($"http://localhost/api/proposals/{withdrawn}", summary.GetProperty("url").GetString());
        Assert.Equal(JsonValueKind.Null, all.Single(p => Id(p) == open).GetProperty("outcome").ValueKind);
    }

    [Fact]
    public async Task Top_pages_the_list_with_a_continuation_token_until_every_proposal_was_seen_once()
    {
        string[] started =
        [
            await app.StartAsync(ProposalApiApp.ValidRequest(ProposalApiApp.NewId("page"))),
            await app.StartAsync(ProposalApiApp.ValidRequest(ProposalApiApp.NewId("page"))),
            await app.StartAsync(ProposalApiApp.ValidRequest(ProposalApiApp.NewId("page"))),
        ];
        var seen = new List<string>();
        string? token = null;
        int pages = 0;

        do
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/api/proposals?top=2", UriKind.Relative));
            if (token is not null)
            {
                request.Headers.Add(ContinuationToken, token);
            }

            using HttpResponseMessage response = await app.Admin.SendAsync(request);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            using JsonDocument page = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            Assert.InRange(page.RootElement.GetArrayLength(), 0, 2);
            seen.AddRange(page.RootElement.EnumerateArray().Select(Id));
            token = response.Headers.TryGetValues(ContinuationToken, out IEnumerable<string>? values) ? values.Single() : null;
            pages++;
        }
        while (token is not null && pages < 100);

        Assert.Null(token);
        Assert.True(pages >= 2, $"{seen.Count} proposals came in {pages} page(s)");
        Assert.Equal(seen.Count, seen.Distinct().Count());
        Assert.All(started, id => Assert.Contains(id, seen));
    }

    [Fact]
    public async Task Invalid_filters_are_400_naming_each_parameter()
    {
        using HttpResponseMessage response = await app.Admin.GetAsync(new Uri("/api/proposals?stage=Voting&outcome=Maybe&status=Sleeping&top=0", UriKind.Relative));
        using HttpResponseMessage tooMany = await app.Admin.GetAsync(new Uri("/api/proposals?top=1001", UriKind.Relative));
        using HttpResponseMessage empty = await app.Admin.GetAsync(new Uri("/api/proposals?stage=", UriKind.Relative));

        JsonElement errors = await ProposalApiApp.InvalidAsync(response, "stage", "outcome", "status", "top");
        Assert.Contains("Voting", errors.GetProperty("stage")[0].GetString(), StringComparison.Ordinal);
        Assert.Contains("GoverningBodies", errors.GetProperty("stage")[0].GetString(), StringComparison.Ordinal);
        Assert.Contains("Lapsed", errors.GetProperty("outcome")[0].GetString(), StringComparison.Ordinal);
        await ProposalApiApp.InvalidAsync(tooMany, "top");
        await ProposalApiApp.InvalidAsync(empty, "stage");
    }

    [Fact]
    public async Task A_continuation_token_the_api_did_not_issue_is_400()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/api/proposals", UriKind.Relative));
        request.Headers.Add(ContinuationToken, "not-a-token");

        using HttpResponseMessage response = await app.Admin.SendAsync(request);

        await ProposalApiApp.InvalidAsync(response, ContinuationToken);
    }

    [Fact]
    public async Task The_list_and_the_status_are_admin_routes()
    {
        string id = await app.StartAsync(ProposalApiApp.ValidRequest(ProposalApiApp.NewId("key")));

        using HttpResponseMessage list = await app.Anonymous.GetAsync(new Uri("/api/proposals", UriKind.Relative));
        using HttpResponseMessage one = await app.Anonymous.GetAsync(new Uri($"/api/proposals/{id}", UriKind.Relative));

        await ProposalApiApp.ProblemAsync(list, HttpStatusCode.Unauthorized);
        JsonElement problem = await ProposalApiApp.ProblemAsync(one, HttpStatusCode.Unauthorized);
        Assert.DoesNotContain("stroke", problem.ToString(), StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("no-such-proposal")]
    [InlineData("no-such-proposal:cannock-chase-ccg")]
    public async Task An_unknown_proposal_is_404_problem_json(string id)
    {
        using HttpResponseMessage response = await app.Admin.GetAsync(new Uri($"/api/proposals/{Uri.EscapeDataString(id)}", UriKind.Relative));

        JsonElement problem = await ProposalApiApp.ProblemAsync(response, HttpStatusCode.NotFound);
        Assert.Contains(id, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_governing_bodys_own_workflow_is_not_a_proposal()
    {
        string id = await app.AtGoverningBodiesAsync();

        using HttpResponseMessage child = await app.Admin.GetAsync(new Uri($"/api/proposals/{Uri.EscapeDataString(id + ":nhs-england")}", UriKind.Relative));
        JsonElement[] all = await this.ListAsync("?stage=GoverningBodies");

        await ProposalApiApp.ProblemAsync(child, HttpStatusCode.NotFound);
        Assert.Equal([id], all.Select(Id).Where(i => i.StartsWith(id, StringComparison.Ordinal)));
    }

    private static string Id(JsonElement proposal) => proposal.GetProperty("id").GetString()!;

    private static string[] Ids(JsonElement[] list, params string[] among) => [.. list.Select(Id).Where(among.Contains).Order(StringComparer.Ordinal)];

    private async Task<JsonElement[]> ListAsync(string query)
    {
        using HttpResponseMessage response = await app.Admin.GetAsync(new Uri("/api/proposals" + query, UriKind.Relative));
        string body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"list{query} gave {(int)response.StatusCode}: {body}");
        Assert.False(response.Headers.Contains(ContinuationToken), $"list{query} was not complete in one page");
        using JsonDocument json = JsonDocument.Parse(body);
        return [.. json.RootElement.EnumerateArray().Select(e => e.Clone())];
    }
}
