using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.DurableTask.Client;
using Workflows.Functions.Proposals;

namespace Workflows.Functions.Tests.Proposals.Http;

/// <summary>Proposals driven through their stages by decisions, with GET following them.</summary>
public sealed class ProposalWorkflowApiTests(ProposalApiApp app) : IClassFixture<ProposalApiApp>
{
    [Fact]
    public async Task Committee_approval_moves_to_the_congress_and_congress_approval_of_a_tier_1_decision_decides_it_approved()
    {
        string id = await app.StartAsync(ProposalApiApp.ValidRequest(ProposalApiApp.NewId("tier1"), "service-change", 5000m));
        await app.WaitForStageAsync(id, "CommitteeSignOff");

        await app.DecideAsync(id, ApprovalDecision.Approve, "Dr Priya Raman <priya.raman@cannock-chase.example.org>");
        JsonElement atCongress = await app.WaitForStageAsync(id, "Congress");
        await app.DecideAsync(id, ApprovalDecision.Approve, "Dr Margaret Ellis <margaret.ellis@staffordshire-congress.example.org>");
        JsonElement decided = await app.WaitForAsync(id, p => p.GetProperty("runtimeStatus").GetString() == "Completed", "the proposal to complete");

        JsonElement committee = atCongress.GetProperty("committee");
        Assert.Equal("Approved", committee.GetProperty("state").GetString());
        Assert.Equal("Dr Priya Raman <priya.raman@cannock-chase.example.org>", committee.GetProperty("decidedBy").GetString());
        Assert.NotEqual(JsonValueKind.Null, committee.GetProperty("decidedAt").ValueKind);
        Assert.Equal("Pending", atCongress.GetProperty("congress").GetProperty("state").GetString());
        Assert.Equal("Staffordshire Commissioning Congress", atCongress.GetProperty("congress").GetProperty("name").GetString());
        Assert.Equal(JsonValueKind.Null, atCongress.GetProperty("outcome").ValueKind);

        Assert.Equal("Decided", decided.GetProperty("stage").GetString());
        Assert.Equal("Approved", decided.GetProperty("outcome").GetString());
        Assert.Equal(1, decided.GetProperty("tier").GetInt32());
        Assert.StartsWith("Delegated to the congress", decided.GetProperty("tierReason").GetString(), StringComparison.Ordinal);
        Assert.Equal("Approved", decided.GetProperty("congress").GetProperty("state").GetString());
        Assert.Empty(decided.GetProperty("bodies").EnumerateArray());
        Assert.Equal($"http://localhost/proposals/{id}/record", decided.GetProperty("decisionRecordUrl").GetString());
    }

    [Fact]
    public async Task The_decision_record_is_public_html_or_json_and_404_until_written()
    {
        string id = await app.StartAsync(ProposalApiApp.ValidRequest(ProposalApiApp.NewId("record")));
        await app.WaitForStageAsync(id, "CommitteeSignOff");
        using (HttpResponseMessage early = await app.Anonymous.GetAsync(new Uri($"/proposals/{id}/record", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.NotFound, early.StatusCode);
            Assert.Equal("text/html", early.Content.Headers.ContentType?.MediaType);
            Assert.Contains("not found", await early.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
        }

        using (var earlyJson = new HttpRequestMessage(HttpMethod.Get, new Uri($"/proposals/{id}/record", UriKind.Relative)))
        {
            earlyJson.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
            using HttpResponseMessage response = await app.Anonymous.SendAsync(earlyJson);
            await ProposalApiApp.ProblemAsync(response, HttpStatusCode.NotFound);
        }

        await app.DecideAsync(id, ApprovalDecision.Reject, "Dr Priya Raman <priya.raman@cannock-chase.example.org>");
        await app.WaitForAsync(id, p => p.GetProperty("runtimeStatus").GetString() == "Completed", "the rejection");

        using HttpResponseMessage html = await app.Anonymous.GetAsync(new Uri($"/proposals/{id}/record", UriKind.Relative));
        using var jsonRequest = new HttpRequestMessage(HttpMethod.Get, new Uri($"/proposals/{id}/record", UriKind.Relative));
        jsonRequest.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        using HttpResponseMessage json = await app.Anonymous.SendAsync(jsonRequest);

        Assert.Equal(HttpStatusCode.OK, html.StatusCode);
        Assert.Equal("text/html", html.Content.Headers.ContentType?.MediaType);
        string page = await html.Content.ReadAsStringAsync();
        Assert.Contains("Decision record: Community stroke rehabilitation", page, StringComparison.Ordinal);
        Assert.Contains("Rejected", page, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, json.StatusCode);
        Assert.Equal("application/json", json.Content.Headers.ContentType?.MediaType);
        using JsonDocument record = JsonDocument.Parse(await json.Content.ReadAsStringAsync());
        Assert.Equal(id, record.RootElement.GetProperty("proposalId").GetString());
        Assert.Equal("Rejected", record.RootElement.GetProperty("status").GetProperty("outcome").GetString());
    }

    [Fact]
    public async Task A_policy_goes_to_every_governing_body_and_an_admin_decision_for_one_shows_in_get()
    {
        string id = await app.AtGoverningBodiesAsync("policy");
        JsonElement before = await app.GetAsync(id);

        using HttpResponseMessage response = await app.PostAsync(
            $"/api/proposals/{id}/bodies/staffordshire-county-council/decision",
            """{ "decision": "approve", "reason": "Approved at the cabinet meeting of 3 March", "by": "Ann Admin" }""");

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal(new Uri($"http://localhost/api/proposals/{id}"), response.Headers.Location);
        using (JsonDocument accepted = JsonDocument.Parse(await response.Content.ReadAsStringAsync()))
        {
            Assert.Equal([$"{id}:staffordshire-county-council"], accepted.RootElement.GetProperty("instances").EnumerateArray().Select(i => i.GetString()));
        }

        Assert.Equal(2, before.GetProperty("tier").GetInt32());
        Assert.Equal("Reserved to their governing bodies by Staffordshire County Council and Stoke-on-Trent City Council", before.GetProperty("tierReason").GetString());
        Assert.Equal(9, before.GetProperty("bodies").GetArrayLength());
        Assert.All(before.GetProperty("bodies").EnumerateArray(), b => Assert.Equal("Pending", b.GetProperty("state").GetString()));
        Assert.Equal("Staffordshire County Council Cabinet", ProposalApiApp.Body(before, "staffordshire-county-council").GetProperty("name").GetString());

        JsonElement after = await app.WaitForAsync(
            id,
            p => ProposalApiApp.Body(p, "staffordshire-county-council").GetProperty("state").GetString() == "Approved",
            "the admin decision");
        JsonElement council = ProposalApiApp.Body(after, "staffordshire-county-council");
        Assert.Equal("admin: Ann Admin", council.GetProperty("decidedBy").GetString());
        Assert.Equal("Approved at the cabinet meeting of 3 March", council.GetProperty("comment").GetString());
        Assert.NotEqual(JsonValueKind.Null, council.GetProperty("decidedAt").ValueKind);
        Assert.Equal(8, after.GetProperty("bodies").EnumerateArray().Count(b => b.GetProperty("state").GetString() == "Pending"));
        Assert.Equal(1, after.GetProperty("tally").GetProperty("approved").GetInt32());
        Assert.Equal(8, after.GetProperty("tally").GetProperty("pending").GetInt32());
        Assert.Equal("GoverningBodies", after.GetProperty("stage").GetString());
        Assert.Equal(JsonValueKind.Null, after.GetProperty("outcome").ValueKind);

        using HttpResponseMessage again = await app.PostAsync(
            $"/api/proposals/{id}/bodies/staffordshire-county-council/decision",
            """{ "decision": "Reject", "reason": "Changed our mind" }""");
        JsonElement conflict = await ProposalApiApp.ProblemAsync(again, HttpStatusCode.Conflict);
        Assert.Contains("Approved by admin: Ann Admin", conflict.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_admin_rejection_under_unanimity_decides_rejected_while_the_rest_are_recorded()
    {
        string id = await app.AtGoverningBodiesAsync("policy");

        using HttpResponseMessage response = await app.PostAsync($"/api/proposals/{id}/bodies/nhs-england/decision", """{ "decision": "Reject", "reason": "Not affordable" }""");
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        JsonElement rejected = await app.WaitForAsync(id, p => p.GetProperty("outcome").GetString() == "Rejected", "the rejection");

        Assert.Equal("admin", ProposalApiApp.Body(rejected, "nhs-england").GetProperty("decidedBy").GetString());
        Assert.Equal("Rejected", ProposalApiApp.Body(rejected, "nhs-england").GetProperty("state").GetString());

        // Decided, though the other bodies still answer: withdrawing would rewrite the outcome, so it is refused.
        using HttpResponseMessage withdraw = await app.PostAsync($"/api/proposals/{id}/withdraw", """{ "reason": "Too late" }""");
        await ProposalApiApp.ProblemAsync(withdraw, HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Admin_decisions_for_the_committee_and_a_congress_referral_take_a_tier_1_category_to_the_governing_bodies()
    {
        string id = await app.StartAsync(ProposalApiApp.ValidRequest(ProposalApiApp.NewId("refer"), "service-change", 100m));
        await app.WaitForStageAsync(id, "CommitteeSignOff");

        using HttpResponseMessage congressTooEarly = await app.PostAsync($"/api/proposals/{id}/bodies/congress/decision", """{ "decision": "Approve", "reason": "Early" }""");
        using HttpResponseMessage bodyTooEarly = await app.PostAsync($"/api/proposals/{id}/bodies/nhs-england/decision", """{ "decision": "Approve", "reason": "Early" }""");
        using HttpResponseMessage referByCommittee = await app.PostAsync($"/api/proposals/{id}/bodies/committee/decision", """{ "decision": "Refer", "reason": "Not ours" }""");
        using HttpResponseMessage committee = await app.PostAsync($"/api/proposals/{id}/bodies/committee/decision", """{ "decision": "Approve", "reason": "Chair on leave; signed off by the vice-chair", "by": "Ann Admin" }""");
        JsonElement atCongress = await app.WaitForStageAsync(id, "Congress");
        using HttpResponseMessage refer = await app.PostAsync($"/api/proposals/{id}/bodies/congress/decision", """{ "decision": "Refer", "reason": "Members asked to decide", "by": "Ann Admin" }""");
        JsonElement atBodies = await app.WaitForAsync(id, p => p.GetProperty("stage").GetString() == "GoverningBodies" && p.GetProperty("bodies").GetArrayLength() == 9, "the referral");

        await ProposalApiApp.ProblemAsync(congressTooEarly, HttpStatusCode.Conflict);
        JsonElement early = await ProposalApiApp.ProblemAsync(bodyTooEarly, HttpStatusCode.Conflict);
        Assert.Contains("CommitteeSignOff", early.GetProperty("detail").GetString(), StringComparison.Ordinal);
        await ProposalApiApp.InvalidAsync(referByCommittee, "decision");
        Assert.Equal(HttpStatusCode.Accepted, committee.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, refer.StatusCode);
        Assert.Equal("admin: Ann Admin", atCongress.GetProperty("committee").GetProperty("decidedBy").GetString());
        Assert.Equal("Chair on leave; signed off by the vice-chair", atCongress.GetProperty("committee").GetProperty("comment").GetString());
        Assert.Equal("Referred", atBodies.GetProperty("congress").GetProperty("state").GetString());
        Assert.Equal(2, atBodies.GetProperty("tier").GetInt32());
        Assert.StartsWith("Referred to member bodies by the congress", atBodies.GetProperty("tierReason").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Withdrawal_at_committee_sign_off_decides_withdrawn_and_every_action_after_it_is_409()
    {
        string id = await app.StartAsync(ProposalApiApp.ValidRequest(ProposalApiApp.NewId("withdraw")));
        await app.WaitForStageAsync(id, "CommitteeSignOff");

        using HttpResponseMessage response = await app.PostAsync($"/api/proposals/{id}/withdraw", """{ "reason": "Superseded by a joint proposal", "by": "Ann Admin" }""");
        JsonElement withdrawn = await app.WaitForAsync(id, p => p.GetProperty("runtimeStatus").GetString() == "Completed", "the withdrawal");

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal("Decided", withdrawn.GetProperty("stage").GetString());
        Assert.Equal("Withdrawn", withdrawn.GetProperty("outcome").GetString());
        DateTime deadline = ProposalApiApp.Time(withdrawn.GetProperty("deadline"));
        string later = deadline.AddDays(1).ToString("O");
        (string Path, string Body)[] actions =
        [
            ($"/api/proposals/{id}/withdraw", """{ "reason": "Again" }"""),
            ($"/api/proposals/{id}/deadline", $$"""{ "deadline": "{{later}}" }"""),
            ($"/api/proposals/{id}/bodies/committee/decision", """{ "decision": "Approve", "reason": "Late" }"""),
            ($"/api/proposals/{id}/resend", "{}"),
        ];
        foreach ((string path, string body) in actions)
        {
            using HttpResponseMessage refused = await app.PostAsync(path, body);
            JsonElement problem = await ProposalApiApp.ProblemAsync(refused, HttpStatusCode.Conflict);
            Assert.Contains("Withdrawn", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Withdrawal_at_the_governing_bodies_withdraws_every_body()
    {
        string id = await app.AtGoverningBodiesAsync("policy");

        using HttpResponseMessage response = await app.PostAsync($"/api/proposals/{id}/withdraw", """{ "reason": "Superseded" }""");
        JsonElement withdrawn = await app.WaitForAsync(id, p => p.GetProperty("runtimeStatus").GetString() == "Completed", "the withdrawal");

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal("Decided", withdrawn.GetProperty("stage").GetString());
        Assert.Equal("Withdrawn", withdrawn.GetProperty("outcome").GetString());
        foreach (JsonElement body in withdrawn.GetProperty("bodies").EnumerateArray())
        {
            var child = await app.Durable.GetInstanceAsync(GoverningBodyApprovalOrchestrator.InstanceIdFor(id, body.GetProperty("id").GetString()!));
            Assert.Equal(OrchestrationRuntimeStatus.Completed, child!.RuntimeStatus);
        }
    }

    [Fact]
    public async Task A_deadline_extension_moves_the_committees_deadline()
    {
        string id = await app.StartAsync(ProposalApiApp.ValidRequest(ProposalApiApp.NewId("extend")));
        JsonElement before = await app.WaitForAsync(id, p => p.GetProperty("deadline").ValueKind != JsonValueKind.Null, "the first deadline");
        DateTime current = ProposalApiApp.Time(before.GetProperty("deadline"));
        DateTime extended = current.AddDays(3);

        using HttpResponseMessage response = await app.PostAsync($"/api/proposals/{id}/deadline", $$"""{ "deadline": "{{extended:O}}", "by": "Ann Admin" }""");
        JsonElement after = await app.WaitForAsync(id, p => ProposalApiApp.Time(p.GetProperty("deadline")) != current, "the extension");

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal(extended, ProposalApiApp.Time(after.GetProperty("deadline")));
        Assert.Equal(extended, ProposalApiApp.Time(after.GetProperty("committee").GetProperty("deadline")));
        Assert.Equal("CommitteeSignOff", after.GetProperty("stage").GetString());
    }

    [Fact]
    public async Task A_deadline_extension_at_the_governing_bodies_moves_every_bodys_deadline()
    {
        string id = await app.AtGoverningBodiesAsync("policy");
        JsonElement before = await app.GetAsync(id);
        DateTime current = ProposalApiApp.Time(before.GetProperty("deadline"));
        DateTime extended = new DateTime(current.Year, current.Month, current.Day, 17, 0, 0, DateTimeKind.Utc).AddDays(7);

        // Without an offset the time is UTC.
        using HttpResponseMessage response = await app.PostAsync($"/api/proposals/{id}/deadline", $$"""{ "deadline": "{{extended:yyyy-MM-ddTHH:mm}}" }""");
        JsonElement after = await app.WaitForAsync(
            id,
            p => p.GetProperty("bodies").EnumerateArray().All(b => ProposalApiApp.Time(b.GetProperty("deadline")) == extended),
            "every body's new deadline");

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal(extended, ProposalApiApp.Time(after.GetProperty("deadline")));
    }

    [Fact]
    public async Task A_deadline_that_is_not_later_is_400_and_changes_nothing()
    {
        string id = await app.StartAsync(ProposalApiApp.ValidRequest(ProposalApiApp.NewId("notlater")));
        JsonElement before = await app.WaitForAsync(id, p => p.GetProperty("deadline").ValueKind != JsonValueKind.Null, "the first deadline");
        DateTime current = ProposalApiApp.Time(before.GetProperty("deadline"));

        using HttpResponseMessage same = await app.PostAsync($"/api/proposals/{id}/deadline", $$"""{ "deadline": "{{current:O}}" }""");
        using HttpResponseMessage earlier = await app.PostAsync($"/api/proposals/{id}/deadline", $$"""{ "deadline": "{{current.AddMinutes(-1):O}}" }""");
        using HttpResponseMessage past = await app.PostAsync($"/api/proposals/{id}/deadline", """{ "deadline": "2001-01-01T00:00:00Z" }""");
        using HttpResponseMessage words = await app.PostAsync($"/api/proposals/{id}/deadline", """{ "deadline": "next Tuesday" }""");
        using HttpResponseMessage missing = await app.PostAsync($"/api/proposals/{id}/deadline", """{ "by": "Ann Admin" }""");

        JsonElement errors = await ProposalApiApp.InvalidAsync(same, "deadline");
        Assert.Contains("later than the current one", errors.GetProperty("deadline")[0].GetString(), StringComparison.Ordinal);
        await ProposalApiApp.InvalidAsync(earlier, "deadline");
        await ProposalApiApp.InvalidAsync(past, "deadline");
        await ProposalApiApp.InvalidAsync(words, "deadline");
        await ProposalApiApp.InvalidAsync(missing, "deadline");
        await Task.Delay(300);
        Assert.Equal(current, ProposalApiApp.Time((await app.GetAsync(id)).GetProperty("deadline")));
    }

    [Fact]
    public async Task Resend_sends_the_pending_request_again_to_the_committee_and_at_the_bodies_to_each_pending_one_or_the_one_named()
    {
        string id = await app.StartAsync(ProposalApiApp.ValidRequest(ProposalApiApp.NewId("resend")));
        await this.WaitForRequestsAsync($"{id}:", 1);

        using HttpResponseMessage committee = await app.Admin.PostAsync(new Uri($"/api/proposals/{id}/resend", UriKind.Relative), null);
        await this.WaitForRequestsAsync($"{id}:", 2);

        Assert.Equal(HttpStatusCode.Accepted, committee.StatusCode);
        using (JsonDocument accepted = JsonDocument.Parse(await committee.Content.ReadAsStringAsync()))
        {
            Assert.Equal([id], accepted.RootElement.GetProperty("instances").EnumerateArray().Select(i => i.GetString()));
        }

        string gb = await app.AtGoverningBodiesAsync("policy");
        using HttpResponseMessage decided = await app.PostAsync($"/api/proposals/{gb}/bodies/nhs-england/decision", """{ "decision": "Approve", "reason": "Board minute 12" }""");
        await app.WaitForAsync(gb, p => ProposalApiApp.Body(p, "nhs-england").GetProperty("state").GetString() == "Approved", "the decision");
        await this.WaitForRequestsAsync($"{gb}:cannock-chase-ccg:", 1);

        using HttpResponseMessage one = await app.PostAsync($"/api/proposals/{gb}/resend", """{ "body": "cannock-chase-ccg" }""");
        await this.WaitForRequestsAsync($"{gb}:cannock-chase-ccg:", 2);
        using HttpResponseMessage all = await app.PostAsync($"/api/proposals/{gb}/resend", """{ "by": "Ann Admin" }""");
        using HttpResponseMessage notPending = await app.PostAsync($"/api/proposals/{gb}/resend", """{ "body": "nhs-england" }""");
        using HttpResponseMessage unknown = await app.PostAsync($"/api/proposals/{gb}/resend", """{ "body": "atlantis" }""");
        using HttpResponseMessage committeeLate = await app.PostAsync($"/api/proposals/{gb}/resend", """{ "body": "committee" }""");

        Assert.Equal(HttpStatusCode.Accepted, one.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, all.StatusCode);
        using (JsonDocument everyPending = JsonDocument.Parse(await all.Content.ReadAsStringAsync()))
        {
            string?[] instances = [.. everyPending.RootElement.GetProperty("instances").EnumerateArray().Select(i => i.GetString())];
            Assert.Equal(8, instances.Length);
            Assert.DoesNotContain($"{gb}:nhs-england", instances);
            Assert.Contains($"{gb}:cannock-chase-ccg", instances);
        }

        await this.WaitForRequestsAsync($"{gb}:cannock-chase-ccg:", 3);
        await this.WaitForRequestsAsync($"{gb}:staffordshire-county-council:", 2);
        await ProposalApiApp.ProblemAsync(notPending, HttpStatusCode.Conflict);
        await ProposalApiApp.ProblemAsync(unknown, HttpStatusCode.NotFound);
        await ProposalApiApp.ProblemAsync(committeeLate, HttpStatusCode.Conflict);
    }

    [Theory]
    [InlineData("withdraw", """{ "reason": "x" }""")]
    [InlineData("deadline", """{ "deadline": "2100-01-01T00:00:00Z" }""")]
    [InlineData("bodies/nhs-england/decision", """{ "decision": "Approve", "reason": "x" }""")]
    [InlineData("resend", "{}")]
    public async Task Actions_on_an_unknown_proposal_are_404_and_without_the_key_401(string action, string body)
    {
        using HttpResponseMessage unknown = await app.PostAsync($"/api/proposals/no-such-proposal/{action}", body);
        using HttpResponseMessage anonymous = await app.Anonymous.PostAsync(new Uri($"/api/proposals/no-such-proposal/{action}", UriKind.Relative), ProposalApiApp.Json(body));

        await ProposalApiApp.ProblemAsync(unknown, HttpStatusCode.NotFound);
        await ProposalApiApp.ProblemAsync(anonymous, HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Invalid_action_bodies_are_400_naming_each_field()
    {
        string id = await app.StartAsync(ProposalApiApp.ValidRequest(ProposalApiApp.NewId("badaction")));
        await app.WaitForStageAsync(id, "CommitteeSignOff");

        using HttpResponseMessage noReason = await app.PostAsync($"/api/proposals/{id}/withdraw", """{ "by": "Ann Admin" }""");
        using HttpResponseMessage emptyWithdraw = await app.PostAsync($"/api/proposals/{id}/withdraw", string.Empty);
        using HttpResponseMessage decision = await app.PostAsync($"/api/proposals/{id}/bodies/committee/decision", """{ "decision": "Maybe", "by": "  " }""");
        using HttpResponseMessage malformed = await app.PostAsync($"/api/proposals/{id}/bodies/committee/decision", """{ "decision": """);
        using HttpResponseMessage wrongType = await app.PostAsync($"/api/proposals/{id}/deadline", """{ "deadline": 12 }""");
        using HttpResponseMessage unknownBody = await app.PostAsync($"/api/proposals/{id}/bodies/atlantis/decision", """{ "decision": "Approve", "reason": "x" }""");

        await ProposalApiApp.InvalidAsync(noReason, "reason");
        await ProposalApiApp.InvalidAsync(emptyWithdraw, "$");
        JsonElement errors = await ProposalApiApp.InvalidAsync(decision, "decision", "reason", "by");
        Assert.Contains("Approve or Reject", errors.GetProperty("decision")[0].GetString(), StringComparison.Ordinal);
        await ProposalApiApp.InvalidAsync(malformed, "$");
        await ProposalApiApp.InvalidAsync(wrongType, "deadline");
        await ProposalApiApp.ProblemAsync(unknownBody, HttpStatusCode.NotFound);
        await Task.Delay(300);
        JsonElement unchanged = await app.GetAsync(id);
        Assert.Equal("CommitteeSignOff", unchanged.GetProperty("stage").GetString());
        Assert.Equal("Pending", unchanged.GetProperty("committee").GetProperty("state").GetString());
    }

    private async Task WaitForRequestsAsync(string keyPrefix, int count)
    {
        DateTime giveUp = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            int found = (await app.Outbox.ListAsync(CancellationToken.None))
                .Count(m => m.IdempotencyKey.StartsWith(keyPrefix, StringComparison.Ordinal) && m.Subject.StartsWith("Decision needed", StringComparison.Ordinal));
            if (found >= count)
            {
                Assert.Equal(count, found);
                return;
            }

            if (DateTime.UtcNow > giveUp)
            {
                throw new TimeoutException($"Timed out waiting for {count} requests under {keyPrefix}; found {found}");
            }

            await Task.Delay(50);
        }
    }
}
