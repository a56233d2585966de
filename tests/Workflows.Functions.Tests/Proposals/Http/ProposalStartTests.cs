using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace Workflows.Functions.Tests.Proposals.Http;

public sealed partial class ProposalStartTests(ProposalApiApp app) : IClassFixture<ProposalApiApp>
{
    [Fact]
    public async Task Post_starts_the_proposal_with_the_check_status_payload_and_get_shows_it_at_committee_sign_off()
    {
        string id = ProposalApiApp.NewId("start");
        JsonObject request = ProposalApiApp.ValidRequest(id);
        request["documents"] = new JsonArray(Document("business case.pdf", "application/pdf", "%PDF-1.7 case"));
        DateTime before = DateTime.UtcNow;

        using HttpResponseMessage response = await app.PostAsync("/api/proposals", request);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        using JsonDocument payload = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        JsonElement links = payload.RootElement;
        string instance = $"http://localhost/runtime/webhooks/durabletask/instances/{id}";
        Assert.Equal(id, links.GetProperty("id").GetString());
        Assert.Equal(instance, links.GetProperty("statusQueryGetUri").GetString());
        Assert.Equal(instance + "/raiseEvent/{eventName}", links.GetProperty("sendEventPostUri").GetString());
        Assert.Equal(instance + "/terminate?reason={text}", links.GetProperty("terminatePostUri").GetString());
        Assert.Equal(instance, links.GetProperty("purgeHistoryDeleteUri").GetString());
        Assert.Equal(new Uri(instance), response.Headers.Location);

        JsonElement proposal = await app.WaitForAsync(id, p => p.GetProperty("runtimeStatus").GetString() == "Running" && p.GetProperty("deadline").ValueKind != JsonValueKind.Null, "the workflow to run");
        Assert.Equal(id, proposal.GetProperty("id").GetString());
        Assert.Equal("Community stroke rehabilitation", proposal.GetProperty("title").GetString());
        Assert.Equal("CommitteeSignOff", proposal.GetProperty("stage").GetString());
        Assert.Equal(JsonValueKind.Null, proposal.GetProperty("tier").ValueKind);
        Assert.Equal(JsonValueKind.Null, proposal.GetProperty("tierReason").ValueKind);
        Assert.Equal(JsonValueKind.Null, proposal.GetProperty("outcome").ValueKind);
        Assert.Equal(JsonValueKind.Null, proposal.GetProperty("decisionRecordUrl").ValueKind);
        Assert.Empty(proposal.GetProperty("bodies").EnumerateArray());
        Assert.Equal(JsonValueKind.Null, proposal.GetProperty("congress").ValueKind);
        DateTime deadline = ProposalApiApp.Time(proposal.GetProperty("deadline"));
        Assert.InRange(deadline, before + ProposalApiApp.DecisionDeadline - TimeSpan.FromSeconds(5), DateTime.UtcNow + ProposalApiApp.DecisionDeadline);

        JsonElement committee = proposal.GetProperty("committee");
        Assert.Equal("committee", committee.GetProperty("id").GetString());
        Assert.Equal("Quality and Safety Committee, NHS Cannock Chase CCG", committee.GetProperty("name").GetString());
        Assert.Equal("Pending", committee.GetProperty("state").GetString());
        Assert.Equal(JsonValueKind.Null, committee.GetProperty("decidedBy").ValueKind);
        Assert.Equal(0, committee.GetProperty("remindersSent").GetInt32());
        Assert.False(committee.GetProperty("escalated").GetBoolean());

        Assert.Equal("service-change", proposal.GetProperty("category").GetProperty("id").GetString());
        Assert.Equal("Service change", proposal.GetProperty("category").GetProperty("name").GetString());
        Assert.Equal("cannock-chase-ccg", proposal.GetProperty("raisedBy").GetProperty("body").GetString());
        Assert.Equal("quality", proposal.GetProperty("raisedBy").GetProperty("committee").GetString());
        Assert.Equal("NHS Cannock Chase CCG", proposal.GetProperty("raisedBy").GetProperty("bodyName").GetString());
        Assert.Equal(5000m, proposal.GetProperty("value").GetDecimal());
        JsonElement paper = Assert.Single(proposal.GetProperty("papers").EnumerateArray());
        Assert.Equal("business case.pdf", paper.GetProperty("name").GetString());
        Assert.Equal("application/pdf", paper.GetProperty("contentType").GetString());
        Assert.Equal(13, paper.GetProperty("length").GetInt64());
        Assert.Equal($"http://localhost/api/proposals/{id}/papers/business%20case.pdf", paper.GetProperty("url").GetString());
    }

    [Fact]
    public async Task Without_an_id_a_readable_one_is_generated_and_returned()
    {
        using HttpResponseMessage response = await app.PostAsync("/api/proposals", ProposalApiApp.ValidRequest());

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        using JsonDocument payload = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        string id = payload.RootElement.GetProperty("id").GetString()!;
        Assert.Matches(GeneratedId(), id);
        Assert.EndsWith($"/instances/{id}", response.Headers.Location!.AbsolutePath, StringComparison.Ordinal);
        Assert.Equal(id, (await app.GetAsync(id)).GetProperty("id").GetString());
    }

    [Fact]
    public async Task Papers_are_stored_write_once_under_the_proposal_and_downloaded_as_they_were_sent()
    {
        string id = ProposalApiApp.NewId("papers");
        JsonObject request = ProposalApiApp.ValidRequest(id);
        request["documents"] = new JsonArray(
            Document("minutes (draft).txt", "text/plain", "Minutes of the meeting"),
            Document("page.html", "text/html", "<script>alert(1)</script>"));

        await app.StartAsync(request);
        using HttpResponseMessage minutes = await app.Admin.GetAsync(new Uri($"/api/proposals/{id}/papers/minutes%20(draft).txt", UriKind.Relative));
        using HttpResponseMessage page = await app.Admin.GetAsync(new Uri($"/api/proposals/{id}/papers/page.html", UriKind.Relative));
        using HttpResponseMessage anonymous = await app.Anonymous.GetAsync(new Uri($"/api/proposals/{id}/papers/page.html", UriKind.Relative));
        using HttpResponseMessage missing = await app.Admin.GetAsync(new Uri($"/api/proposals/{id}/papers/other.txt", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, minutes.StatusCode);
        Assert.Equal("Minutes of the meeting", await minutes.Content.ReadAsStringAsync());
        Assert.Equal("text/plain", minutes.Content.Headers.ContentType?.MediaType);
        Assert.Equal("attachment", minutes.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal("<script>alert(1)</script>", await page.Content.ReadAsStringAsync());
        Assert.Equal("attachment", page.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal("nosniff", page.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Contains("sandbox", page.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        await ProposalApiApp.ProblemAsync(missing, HttpStatusCode.NotFound);
        Assert.True(await app.Documents.ExistsAsync($"proposals/{id}/papers/minutes (draft).txt"));
    }

    [Fact]
    public async Task Every_invalid_field_is_reported_at_once_and_nothing_is_started()
    {
        string json = $$"""
            {
              "id": "bad:id",
              "title": "  ",
              "category": "no-such-category",
              "raisedBy": { "body": "no-such-body", "committee": "quality" },
              "value": -1,
              "documents": [
                { "name": "../secret.txt", "contentType": "text/plain", "contentBase64": "aGk=" },
                { "name": "fine.txt", "contentType": "text/plain", "contentBase64": "not base64!" },
                { "name": "big.bin", "contentType": "application/octet-stream", "contentBase64": "{{Convert.ToBase64String(new byte[ProposalApiApp.MaxDocumentBytes + 1])}}" },
                { "name": "typeless.txt", "contentBase64": "aGk=" }
              ]
            }
            """;

        using HttpResponseMessage response = await app.PostAsync("/api/proposals", json);

        JsonElement errors = await ProposalApiApp.InvalidAsync(
            response,
            "id",
            "title",
            "summary",
            "category",
            "raisedBy.body",
            "value",
            "documents",
            "documents[0].name",
            "documents[1].contentBase64",
            "documents[2].contentBase64",
            "documents[3].contentType");
        Assert.Contains("no-such-category", errors.GetProperty("category")[0].GetString(), StringComparison.Ordinal);
        Assert.Contains("no-such-body", errors.GetProperty("raisedBy.body")[0].GetString(), StringComparison.Ordinal);
        Assert.Contains($"{ProposalApiApp.MaxDocumentBytes} bytes", errors.GetProperty("documents[2].contentBase64")[0].GetString(), StringComparison.Ordinal);
        Assert.Contains("base64", errors.GetProperty("documents[1].contentBase64")[0].GetString(), StringComparison.Ordinal);
        Assert.Null(await app.Durable.GetInstanceAsync("bad:id"));
        Assert.DoesNotContain(await app.Documents.ListAsync(string.Empty), d => d.Path.EndsWith("/fine.txt", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("id", """{ "id": "has:colon" }""")]
    [InlineData("id", """{ "id": "café" }""")]
    [InlineData("id", """{ "id": "" }""")]
    [InlineData("id", """{ "id": "a234567890123456789012345678901234567890123456789012345678901234x" }""")]
    [InlineData("title", """{ "title": "" }""")]
    [InlineData("title", """{ "title": null }""")]
    [InlineData("title", """{ "title": 42 }""")]
    [InlineData("summary", """{ "summary": " " }""")]
    [InlineData("category", """{ "category": "Service-Change" }""")]
    [InlineData("raisedBy", """{ "raisedBy": null }""")]
    [InlineData("raisedBy", """{ "raisedBy": "cannock-chase-ccg" }""")]
    [InlineData("raisedBy.body", """{ "raisedBy": { "body": "atlantis", "committee": "quality" } }""")]
    [InlineData("raisedBy.committee", """{ "raisedBy": { "body": "cannock-chase-ccg", "committee": "audit" } }""")]
    [InlineData("raisedBy.committee", """{ "raisedBy": { "body": "cannock-chase-ccg" } }""")]
    [InlineData("value", """{ "value": -0.01 }""")]
    [InlineData("value", """{ "value": "a lot" }""")]
    [InlineData("documents", """{ "documents": { "name": "a.txt" } }""")]
    [InlineData("documents[0]", """{ "documents": [ null ] }""")]
    [InlineData("documents[0].name", """{ "documents": [ { "name": ".hidden", "contentType": "text/plain", "contentBase64": "aGk=" } ] }""")]
    [InlineData("documents[0].name", """{ "documents": [ { "name": "a/b.txt", "contentType": "text/plain", "contentBase64": "aGk=" } ] }""")]
    [InlineData("documents[0].name", """{ "documents": [ { "name": "..", "contentType": "text/plain", "contentBase64": "aGk=" } ] }""")]
    [InlineData("documents[0].name", """{ "documents": [ { "name": "a\\b.txt", "contentType": "text/plain", "contentBase64": "aGk=" } ] }""")]
    [InlineData("documents[0].name", """{ "documents": [ { "name": "C:evil.txt", "contentType": "text/plain", "contentBase64": "aGk=" } ] }""")]
    [InlineData("documents[0].name", """{ "documents": [ { "contentType": "text/plain", "contentBase64": "aGk=" } ] }""")]
    [InlineData("documents[1].name", """{ "documents": [ { "name": "a.txt", "contentType": "text/plain", "contentBase64": "aGk=" }, { "name": "A.TXT", "contentType": "text/plain", "contentBase64": "aGk=" } ] }""")]
    [InlineData("documents[0].contentType", """{ "documents": [ { "name": "a.txt", "contentType": "pdf", "contentBase64": "aGk=" } ] }""")]
    [InlineData("documents[0].contentBase64", """{ "documents": [ { "name": "a.txt", "contentType": "text/plain", "contentBase64": "%%%" } ] }""")]
    [InlineData("documents[0].contentBase64", """{ "documents": [ { "name": "a.txt", "contentType": "text/plain", "contentBase64": "" } ] }""")]
    [InlineData("documents", """{ "documents": [ { "name": "a.txt", "contentType": "text/plain", "contentBase64": "aGk=" }, { "name": "b.txt", "contentType": "text/plain", "contentBase64": "aGk=" }, { "name": "c.txt", "contentType": "text/plain", "contentBase64": "aGk=" }, { "name": "d.txt", "contentType": "text/plain", "contentBase64": "aGk=" } ] }""")]
    public async Task One_invalid_field_is_400_naming_only_that_field(string field, string patch)
    {
        JsonObject request = ProposalApiApp.ValidRequest(ProposalApiApp.NewId("bad"));
        foreach ((string name, JsonNode? value) in JsonNode.Parse(patch)!.AsObject())
        {
            request[name] = value?.DeepClone();
        }

        using HttpResponseMessage response = await app.PostAsync("/api/proposals", request);

        await ProposalApiApp.InvalidAsync(response, field);
        string id = request["id"]?.GetValue<string>() ?? string.Empty;
        if (id.Length > 0)
        {
            Assert.Null(await app.Durable.GetInstanceAsync(id));
        }
    }

    [Fact]
    public async Task A_title_over_200_characters_is_refused_and_one_of_200_accepted()
    {
        JsonObject tooLong = ProposalApiApp.ValidRequest(ProposalApiApp.NewId("long"));
        tooLong["title"] = new string('t', 201);
        JsonObject longest = ProposalApiApp.ValidRequest(ProposalApiApp.NewId("long"));
        longest["title"] = new string('t', 200);

        using HttpResponseMessage refused = await app.PostAsync("/api/proposals", tooLong);
        using HttpResponseMessage accepted = await app.PostAsync("/api/proposals", longest);

        JsonElement errors = await ProposalApiApp.InvalidAsync(refused, "title");
        Assert.Contains("200", errors.GetProperty("title")[0].GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
    }

    [Fact]
    public async Task A_document_of_exactly_the_largest_size_is_accepted()
    {
        JsonObject request = ProposalApiApp.ValidRequest(ProposalApiApp.NewId("size"));
        request["documents"] = new JsonArray(new JsonObject
        {
            ["name"] = "exact.bin",
            ["contentType"] = "application/octet-stream",
            ["contentBase64"] = Convert.ToBase64String(new byte[ProposalApiApp.MaxDocumentBytes]),
        });

        string id = await app.StartAsync(request);

        Assert.Equal(ProposalApiApp.MaxDocumentBytes, (await app.GetAsync(id)).GetProperty("papers")[0].GetProperty("length").GetInt64());
    }

    [Theory]
    [InlineData("{ \"title\": \"x\", ")]
    [InlineData("{ \"title\": \"x\",, }")]
    [InlineData("not json at all")]
    [InlineData("")]
    [InlineData("[]")]
    [InlineData("null")]
    public async Task Malformed_json_is_400_naming_the_body(string body)
    {
        using HttpResponseMessage response = await app.PostAsync("/api/proposals", body);

        await ProposalApiApp.InvalidAsync(response, "$");
    }

    [Fact]
    public async Task A_body_larger_than_every_paper_at_its_largest_allows_is_413_problem_json()
    {
        string id = ProposalApiApp.NewId("huge");
        JsonObject request = ProposalApiApp.ValidRequest(id);
        request["summary"] = new string('s', 2 * 1024 * 1024);

        using HttpResponseMessage response = await app.PostAsync("/api/proposals", request);

        await ProposalApiApp.ProblemAsync(response, HttpStatusCode.RequestEntityTooLarge);
        Assert.Null(await app.Durable.GetInstanceAsync(id));
    }

    [Fact]
    public async Task An_id_in_use_is_409_and_the_first_proposal_is_left_as_it_was()
    {
        string id = ProposalApiApp.NewId("dup");
        await app.StartAsync(ProposalApiApp.ValidRequest(id));
        JsonObject second = ProposalApiApp.ValidRequest(id);
        second["title"] = "Another proposal";

        using HttpResponseMessage response = await app.PostAsync("/api/proposals", second);

        JsonElement problem = await ProposalApiApp.ProblemAsync(response, HttpStatusCode.Conflict);
        Assert.Contains(id, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal("Community stroke rehabilitation", (await app.GetAsync(id)).GetProperty("title").GetString());
    }

    [Fact]
    public async Task An_id_used_by_another_kind_of_instance_is_409_and_that_instance_is_not_a_proposal()
    {
        string id = ProposalApiApp.NewId("other");
        await app.Durable.ScheduleNewOrchestrationInstanceAsync("SomethingElse", null, new StartOrchestrationOptions(id));

        using HttpResponseMessage start = await app.PostAsync("/api/proposals", ProposalApiApp.ValidRequest(id));
        using HttpResponseMessage get = await app.Admin.GetAsync(new Uri($"/api/proposals/{id}", UriKind.Relative));

        await ProposalApiApp.ProblemAsync(start, HttpStatusCode.Conflict);
        await ProposalApiApp.ProblemAsync(get, HttpStatusCode.NotFound);
        Assert.Equal("SomethingElse", (await app.Durable.GetInstanceAsync(id))!.Name);
    }

    [Fact]
    public async Task Papers_left_by_an_interrupted_start_are_reused_when_identical_and_a_conflict_when_not()
    {
        string retried = ProposalApiApp.NewId("retry");
        string taken = ProposalApiApp.NewId("taken");
        await app.Documents.SaveAsync($"proposals/{retried}/papers/a.txt", Encoding.UTF8.GetBytes("same"), "text/plain", overwrite: false);
        await app.Documents.SaveAsync($"proposals/{taken}/papers/a.txt", Encoding.UTF8.GetBytes("different"), "text/plain", overwrite: false);
        JsonObject retry = ProposalApiApp.ValidRequest(retried);
        retry["documents"] = new JsonArray(Document("a.txt", "text/plain", "same"));
        JsonObject clash = ProposalApiApp.ValidRequest(taken);
        clash["documents"] = new JsonArray(Document("a.txt", "text/plain", "same"));

        using HttpResponseMessage accepted = await app.PostAsync("/api/proposals", retry);
        using HttpResponseMessage conflict = await app.PostAsync("/api/proposals", clash);

        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        await ProposalApiApp.ProblemAsync(conflict, HttpStatusCode.Conflict);
        Assert.Null(await app.Durable.GetInstanceAsync(taken));
        await using var stored = (await app.Documents.OpenAsync($"proposals/{taken}/papers/a.txt"))!;
        Assert.Equal("different", Encoding.UTF8.GetString(await stored.ReadAllBytesAsync()));
    }

    [Fact]
    public async Task Without_the_admin_key_the_start_is_401_and_starts_nothing()
    {
        string id = ProposalApiApp.NewId("nokey");

        using HttpResponseMessage response = await app.Anonymous.PostAsync(new Uri("/api/proposals", UriKind.Relative), ProposalApiApp.Json(ProposalApiApp.ValidRequest(id)));
        using HttpResponseMessage wrong = await app.Anonymous.PostAsync(new Uri("/api/proposals?code=wrong", UriKind.Relative), ProposalApiApp.Json(ProposalApiApp.ValidRequest(id)));

        await ProposalApiApp.ProblemAsync(response, HttpStatusCode.Unauthorized);
        await ProposalApiApp.ProblemAsync(wrong, HttpStatusCode.Unauthorized);
        Assert.Null(await app.Durable.GetInstanceAsync(id));
    }

    [Fact]
    public async Task The_key_as_code_parameter_is_accepted_and_carried_by_the_management_links()
    {
        string id = ProposalApiApp.NewId("code");

        using HttpResponseMessage response = await app.Anonymous.PostAsync(
            new Uri($"/api/proposals?code={ProposalApiApp.AdminKey}", UriKind.Relative),
            ProposalApiApp.Json(ProposalApiApp.ValidRequest(id)));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        using JsonDocument payload = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.EndsWith($"?code={ProposalApiApp.AdminKey}", payload.RootElement.GetProperty("statusQueryGetUri").GetString(), StringComparison.Ordinal);
    }

    private static JsonObject Document(string name, string contentType, string text) => new()
    {
        ["name"] = name,
        ["contentType"] = contentType,
        ["contentBase64"] = Convert.ToBase64String(Encoding.UTF8.GetBytes(text)),
    };

    [GeneratedRegex("^p-[0-9a-f]{12}$")]
    private static partial Regex GeneratedId();
}
