using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.DurableTask.Client;
using NSubstitute;
using Workflows.Governance.Assembly;
using Workflows.Governance.Assembly.Consultations;
using Workflows.Governance.Assembly.Nominations;
using Workflows.Governance.Assembly.WorkProgramme;
using Workflows.Functions.Tests.Proposals.Http;
using static Workflows.Functions.Tests.Assembly.AssemblySamples;

namespace Workflows.Functions.Tests.Assembly;

/// <summary>The routes that start and steer rounds, against a substituted client: what each raises, and that bad input
/// gets problem+json and reaches the client with nothing.</summary>
public sealed class AssemblyRoundApiTests : IClassFixture<AssemblyApiApp>
{
    private static readonly DraftDocument Statement = new("statement", "Draft statement", "statement.pdf", "application/pdf", "assembly/consultations/c-1/drafts/statement.pdf", 10);
    private static readonly JsonSerializerOptions RecordJson = new(JsonSerializerDefaults.Web);
    private readonly AssemblyApiApp app;

    public AssemblyRoundApiTests(AssemblyApiApp app)
    {
        this.app = app;
        app.Client.ClearReceivedCalls();
    }

    [Fact]
    public async Task Starting_a_nomination_round_schedules_every_ccg_with_the_default_close()
    {
        DateTime before = DateTime.UtcNow;
        using HttpResponseMessage response = await this.app.PostAsync("/api/assembly/nominations", """{ "id": "nr-2026" }""");

        JsonElement accepted = await AssemblyApiApp.AcceptedAsync(response);
        Assert.Equal("/api/assembly/nominations/nr-2026", response.Headers.Location!.AbsolutePath);
        Assert.Equal("start", accepted.GetProperty("action").GetString());
        (string name, object? input, string? id) = Assert.Single(this.app.Scheduled);
        var round = Assert.IsType<NominationRoundInput>(input);
        Assert.Equal((nameof(NominationRoundOrchestrator), "nr-2026"), (name, id));
        Assert.Equal(AssemblyConfigurationLoader.LoadBuiltIn().Members.Count, round.Members.Count);
        Assert.InRange(round.ClosesAt, before.AddDays(21), DateTime.UtcNow.AddDays(21));
        Assert.NotEmpty(round.DesignGroup);
    }

    [Fact]
    public async Task A_nomination_round_for_chosen_ccgs_and_a_closing_date_takes_them_in_order()
    {
        using HttpResponseMessage response = await this.app.PostAsync("/api/assembly/nominations", """{ "members": [ "leeds-ccg", "calderdale-ccg" ], "closesAt": "2099-01-31T17:00:00Z" }""");

        await AssemblyApiApp.AcceptedAsync(response);
        var round = Assert.IsType<NominationRoundInput>(Assert.Single(this.app.Scheduled).Input);
        Assert.Equal(["leeds-ccg", "calderdale-ccg"], round.Members.Select(m => m.Id));
        Assert.Equal(new DateTime(2099, 1, 31, 17, 0, 0, DateTimeKind.Utc), round.ClosesAt);
        Assert.StartsWith("nr-", round.RoundId, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_bad_start_names_every_invalid_field_and_starts_nothing()
    {
        using HttpResponseMessage response = await this.app.PostAsync(
            "/api/assembly/nominations", """{ "id": "bad id:1", "closesAt": "2001-01-01T00:00:00Z", "members": [ "leeds-ccg", "nowhere-ccg", "leeds-ccg" ] }""");
        using HttpResponseMessage malformed = await this.app.PostAsync("/api/assembly/nominations", """{ "members": "leeds" }""");

        await ProposalApiApp.InvalidAsync(response, "id", "closesAt", "members[1]", "members[2]");
        await ProposalApiApp.InvalidAsync(malformed, "members");
        Assert.Empty(this.app.Scheduled);
    }

    [Fact]
    public async Task A_consultation_needs_a_closed_roster_and_valid_drafts_and_stores_nothing_otherwise()
    {
        this.app.Has("nr-open", nameof(NominationRoundOrchestrator), new NominationRoundStatus { RoundId = "nr-open" });
        using HttpResponseMessage invalid = await this.app.PostAsync("/api/assembly/consultations", new JsonObject
        {
            ["id"] = "c-invalid",
            ["title"] = "",
            ["documents"] = new JsonArray(new JsonObject { ["id"] = "Statement", ["title"] = "Draft", ["name"] = "../x", ["contentType"] = "application/pdf", ["contentBase64"] = "%%%" }),
        });
        using HttpResponseMessage open = await this.app.PostAsync("/api/assembly/consultations", ConsultationRequest("c-open", "nr-open"));

        await ProposalApiApp.InvalidAsync(invalid, "title", "nominationRound", "documents[0].id", "documents[0].name", "documents[0].contentBase64");
        JsonElement conflict = await ProposalApiApp.ProblemAsync(open, HttpStatusCode.Conflict);
        Assert.Contains("has not closed", conflict.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Empty(this.app.Scheduled);
        Assert.Empty(await this.app.Documents.ListAsync("assembly/consultations/c-invalid/"));
        Assert.Empty(await this.app.Documents.ListAsync("assembly/consultations/c-open/"));
    }

    [Fact]
    public async Task A_consultation_on_a_closed_roster_stores_its_drafts_and_goes_to_the_chosen_leads()
    {
        this.app.Has("nr-closed", nameof(NominationRoundOrchestrator), null, OrchestrationRuntimeStatus.Completed, Roster("nr-closed", "leeds-ccg", "hull-ccg"));
        this.app.Has("c-before", nameof(ConsultationOrchestrator), null, OrchestrationRuntimeStatus.Completed);
        JsonObject request = ConsultationRequest("c-stored", "nr-closed");
        request["members"] = new JsonArray("hull-ccg");
        request["previousRound"] = "c-before";

        using HttpResponseMessage response = await this.app.PostAsync("/api/assembly/consultations", request);

        await AssemblyApiApp.AcceptedAsync(response);
        var input = Assert.IsType<ConsultationInput>(Assert.Single(this.app.Scheduled).Input);
        Assert.Equal(["hull-ccg"], input.Members.Select(m => m.Id));
        Assert.Equal("lead@hull-ccg.example.org", input.Members[0].Lead.Email);
        Assert.Equal(("c-before", "nr-closed"), (input.PreviousRoundId, input.NominationRoundId));
        DraftDocument draft = Assert.Single(input.Documents);
        Assert.Equal(("statement", "assembly/consultations/c-stored/drafts/statement.pdf", 5L), (draft.Id, draft.Path, draft.Length));
        Assert.True(await this.app.Documents.ExistsAsync(draft.Path));
    }

    [Fact]
    public async Task A_round_whose_roster_is_written_serves_a_consultation_while_its_orchestration_finishes()
    {
        // The roster is written at the close; the orchestration still sends the roster's email before it completes.
        this.app.Has("nr-closing", nameof(NominationRoundOrchestrator), new NominationRoundStatus { RoundId = "nr-closing" });
        await this.app.Documents.SaveAsync(
            "assembly/nominations/nr-closing/roster.json",
            JsonSerializer.SerializeToUtf8Bytes(Roster("nr-closing", "leeds-ccg"), RecordJson),
            "application/json",
            overwrite: false);
        this.app.Has("nr-unwritten", nameof(NominationRoundOrchestrator), new NominationRoundStatus { RoundId = "nr-unwritten" });

        using HttpResponseMessage response = await this.app.PostAsync("/api/assembly/consultations", ConsultationRequest("c-after-close", "nr-closing"));
        using HttpResponseMessage unwritten = await this.app.PostAsync("/api/assembly/consultations", ConsultationRequest("c-too-soon", "nr-unwritten"));

        await AssemblyApiApp.AcceptedAsync(response);
        var input = Assert.IsType<ConsultationInput>(Assert.Single(this.app.Scheduled, s => s.Id == "c-after-close").Input);
        Assert.Equal(["leeds-ccg"], input.Members.Select(m => m.Id));
        Assert.Equal("lead@leeds-ccg.example.org", input.Members[0].Lead.Email);
        await ProposalApiApp.ProblemAsync(unwritten, HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Close_extend_and_resend_raise_on_the_round_and_refuse_what_does_not_fit()
    {
        this.app.Has("c-live", nameof(ConsultationOrchestrator), Consultation("c-live", RoundState.Open));
        this.app.Has("c-done", nameof(ConsultationOrchestrator), Consultation("c-done", RoundState.Closed), OrchestrationRuntimeStatus.Completed);

        using HttpResponseMessage close = await this.app.PostAsync("/api/assembly/consultations/c-live/close", """{ "by": "Helen" }""");
        using HttpResponseMessage extend = await this.app.PostAsync("/api/assembly/consultations/c-live/extend", """{ "closesAt": "2099-06-30T17:00:00Z" }""");
        using HttpResponseMessage resend = await this.app.PostAsync("/api/assembly/consultations/c-live/resend", """{ "member": "a" }""");
        using HttpResponseMessage earlier = await this.app.PostAsync("/api/assembly/consultations/c-live/extend", $$"""{ "closesAt": "{{DateTime.UtcNow.AddDays(5):O}}" }""");
        using HttpResponseMessage stranger = await this.app.PostAsync("/api/assembly/consultations/c-live/resend", """{ "member": "z" }""");
        using HttpResponseMessage ended = await this.app.PostAsync("/api/assembly/consultations/c-done/close", null);
        using HttpResponseMessage unknown = await this.app.PostAsync("/api/assembly/consultations/nothing/close", null);
        using HttpResponseMessage broken = await this.app.PostAsync("/api/assembly/consultations/c-live/close", "{ \"by\": ");

        await AssemblyApiApp.AcceptedAsync(close);
        await AssemblyApiApp.AcceptedAsync(extend);
        await AssemblyApiApp.AcceptedAsync(resend);
        await ProposalApiApp.InvalidAsync(earlier, "closesAt");
        await ProposalApiApp.ProblemAsync(stranger, HttpStatusCode.NotFound);
        await ProposalApiApp.ProblemAsync(ended, HttpStatusCode.Conflict);
        await ProposalApiApp.ProblemAsync(unknown, HttpStatusCode.NotFound);
        await ProposalApiApp.InvalidAsync(broken, "$");
        Assert.Equal(
            [("c-live", AssemblyEvents.Close), ("c-live", AssemblyEvents.Extend), ("c-live", AssemblyEvents.Resend)],
            this.app.Raised.Select(r => (r.Instance, r.Name)));
        Assert.Equal("admin: Helen", this.app.Raised[0].Payload);
        Assert.Equal(new DateTime(2099, 6, 30, 17, 0, 0, DateTimeKind.Utc), Assert.IsType<RoundExtension>(this.app.Raised[1].Payload).ClosesAt);
        Assert.Equal(new RoundResend("a", "admin"), this.app.Raised[2].Payload);
    }

    [Fact]
    public async Task A_nomination_round_resends_through_its_ccgs_and_records_nominations_and_reviews_on_their_behalf()
    {
        this.app.Has("nr-live", nameof(NominationRoundOrchestrator), new NominationRoundStatus
        {
            RoundId = "nr-live",
            ClosesAt = DateTime.UtcNow.AddDays(5),
            Members = [new CcgNominationStatus { MemberId = "a", MemberName = "A" }, new CcgNominationStatus { MemberId = "b", MemberName = "B" }],
        });
        this.app.Has("nr-live:a", nameof(CcgNominationOrchestrator), new CcgNominationStatus { MemberId = "a", MemberName = "A", State = NominationState.Returned, Attempt = 2 });
        this.app.Has("nr-live:b", nameof(CcgNominationOrchestrator), new CcgNominationStatus { MemberId = "b", MemberName = "B", State = NominationState.Nominated });

        using HttpResponseMessage resend = await this.app.PostAsync("/api/assembly/nominations/nr-live/resend", null);
        using HttpResponseMessage nomination = await this.app.PostAsync(
            "/api/assembly/nominations/nr-live/members/a/nomination", """{ "name": "Dr Jane Smith", "role": "Clinical chair", "registration": "GMC 4412345", "email": "jane@a.example.org", "by": "Helen" }""");
        using HttpResponseMessage badNomination = await this.app.PostAsync("/api/assembly/nominations/nr-live/members/a/nomination", """{ "name": "Dr Jane Smith", "email": "jane" }""");
        using HttpResponseMessage notWaiting = await this.app.PostAsync(
            "/api/assembly/nominations/nr-live/members/b/nomination", """{ "name": "N", "role": "R", "registration": "GMC 1", "email": "n@b.example.org" }""");
        using HttpResponseMessage noReason = await this.app.PostAsync("/api/assembly/nominations/nr-live/members/b/review", """{ "decision": "return" }""");
        using HttpResponseMessage review = await this.app.PostAsync("/api/assembly/nominations/nr-live/members/b/review", """{ "decision": "Accept" }""");
        using HttpResponseMessage stranger = await this.app.PostAsync("/api/assembly/nominations/nr-live/members/z/review", """{ "decision": "accept" }""");

        JsonElement resent = await AssemblyApiApp.AcceptedAsync(resend);
        Assert.Equal(["nr-live:a", "nr-live:b"], resent.GetProperty("instances").EnumerateArray().Select(i => i.GetString()));
        await AssemblyApiApp.AcceptedAsync(nomination);
        await ProposalApiApp.InvalidAsync(badNomination, "role", "registration", "email");
        await ProposalApiApp.ProblemAsync(notWaiting, HttpStatusCode.Conflict);
        await ProposalApiApp.InvalidAsync(noReason, "reason");
        await AssemblyApiApp.AcceptedAsync(review);
        await ProposalApiApp.ProblemAsync(stranger, HttpStatusCode.NotFound);
        (string instance, string name, object? payload) = this.app.Raised[2];
        Assert.Equal(("nr-live:a", AssemblyEvents.Nomination), (instance, name));
        Assert.Equal(new NominationEvent(2, new Nomination("Dr Jane Smith", "Clinical chair", "GMC 4412345", "jane@a.example.org"), "admin: Helen"), payload);
        Assert.Equal(("nr-live:b", new ReviewEvent(1, true, null, "admin")), (this.app.Raised[3].Instance, this.app.Raised[3].Payload));
        Assert.Equal(4, this.app.Raised.Count);
    }

    [Fact]
    public async Task Responses_and_interests_on_behalf_are_checked_as_their_forms_check_them()
    {
        this.app.Has("c-live", nameof(ConsultationOrchestrator), Consultation("c-live", RoundState.Open));
        this.app.Has("wp-live", nameof(WorkProgrammeOrchestrator), new WorkProgrammeStatus
        {
            RoundId = "wp-live",
            ClosesAt = DateTime.UtcNow.AddDays(3),
            Groups = [new WorkProgrammeGroup { Id = "quality", Name = "Quality", Capacity = 2 }, new WorkProgrammeGroup { Id = "incentives", Name = "Incentives", Capacity = 1 }],
            Members = [new MemberInterestStatus { MemberId = "a", MemberName = "A" }],
        });

        using HttpResponseMessage response = await this.app.PostAsync(
            "/api/assembly/consultations/c-live/members/a/response", """{ "views": [ { "document": "statement", "position": "supportWithChanges", "comments": " Name the networks. " } ] }""");
        using HttpResponseMessage badResponse = await this.app.PostAsync(
            "/api/assembly/consultations/c-live/members/a/response", """{ "views": [ { "document": "statement", "position": "2" }, { "document": "other", "position": "Support" } ] }""");
        using HttpResponseMessage interest = await this.app.PostAsync("/api/assembly/work-programme/wp-live/members/a/interest", """{ "preferences": [ "incentives", "quality" ] }""");
        using HttpResponseMessage badInterest = await this.app.PostAsync("/api/assembly/work-programme/wp-live/members/a/interest", """{ "preferences": [ "quality", "gardening", "quality" ] }""");

        await AssemblyApiApp.AcceptedAsync(response);
        await ProposalApiApp.InvalidAsync(badResponse, "views.statement.position", "views");
        await AssemblyApiApp.AcceptedAsync(interest);
        await ProposalApiApp.InvalidAsync(badInterest, "preferences[1]", "preferences[2]");
        var views = Assert.IsType<ResponseEvent>(this.app.Raised[0].Payload);
        Assert.Equal(new DocumentView("statement", Position.SupportWithChanges, "Name the networks."), Assert.Single(views.Views));
        Assert.Equal(["incentives", "quality"], Assert.IsType<InterestEvent>(this.app.Raised[1].Payload).Preferences);
        Assert.Equal(2, this.app.Raised.Count);
    }

    [Fact]
    public async Task Status_shows_the_round_and_the_record_is_served_once_written()
    {
        this.app.Has("c-shown", nameof(ConsultationOrchestrator), Consultation("c-shown", RoundState.Closed), OrchestrationRuntimeStatus.Completed);
        using HttpResponseMessage missing = await this.app.Admin.GetAsync(new Uri("/api/assembly/consultations/c-shown/record", UriKind.Relative));
        await this.app.Documents.SaveAsync("assembly/consultations/c-shown/summary.json", Encoding.UTF8.GetBytes("""{ "consultationId": "c-shown" }"""), "application/json", overwrite: false);

        using HttpResponseMessage status = await this.app.Admin.GetAsync(new Uri("/api/assembly/consultations/c-shown", UriKind.Relative));
        using HttpResponseMessage record = await this.app.Admin.GetAsync(new Uri("/api/assembly/consultations/c-shown/record", UriKind.Relative));
        using HttpResponseMessage wrongKind = await this.app.Admin.GetAsync(new Uri("/api/assembly/nominations/c-shown", UriKind.Relative));

        await ProposalApiApp.ProblemAsync(missing, HttpStatusCode.NotFound);
        Assert.Equal(HttpStatusCode.OK, status.StatusCode);
        using JsonDocument json = JsonDocument.Parse(await status.Content.ReadAsStringAsync());
        Assert.Equal("Completed", json.RootElement.GetProperty("runtimeStatus").GetString());
        Assert.Equal("Closed", json.RootElement.GetProperty("round").GetProperty("state").GetString());
        Assert.Equal("a", json.RootElement.GetProperty("round").GetProperty("members")[0].GetProperty("memberId").GetString());
        Assert.Equal("""{ "consultationId": "c-shown" }""", await record.Content.ReadAsStringAsync());
        await ProposalApiApp.ProblemAsync(wrongKind, HttpStatusCode.NotFound);
    }

    private static JsonObject ConsultationRequest(string id, string roster) => new()
    {
        ["id"] = id,
        ["title"] = "Draft shared statement of intent",
        ["nominationRound"] = roster,
        ["documents"] = new JsonArray(new JsonObject
        {
            ["id"] = "statement",
            ["title"] = "Draft shared statement of intent",
            ["name"] = "statement.pdf",
            ["contentType"] = "application/pdf",
            ["contentBase64"] = Convert.ToBase64String("%PDF-"u8.ToArray()),
        }),
    };

    private static Roster Roster(string id, params string[] members) => new()
    {
        RoundId = id,
        Leads = [.. members.Select(m => new RosterLead(m, m, new Nomination($"Lead of {m}", "Clinical chair", "GMC 1", $"lead@{m}.example.org"), "design group"))],
    };

    private static ConsultationStatus Consultation(string id, RoundState state) => new()
    {
        ConsultationId = id,
        Title = "Drafts",
        State = state,
        ClosesAt = DateTime.UtcNow.AddDays(10),
        Documents = [Statement],
        Members = [new MemberResponseStatus { MemberId = "a", MemberName = "A" }],
    };
}
