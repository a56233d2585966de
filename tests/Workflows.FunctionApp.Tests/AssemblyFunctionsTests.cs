using System.Reflection;
using System.Text.Json;
using DurableTask.Core.Exceptions;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using NSubstitute;
using NSubstitute.ExceptionExtensions;
using Workflows.Functions;
using Workflows.Governance.Assembly;
using Workflows.Governance.Assembly.Consultations;
using Workflows.Governance.Assembly.Http;
using Workflows.Governance.Assembly.Nominations;
using Workflows.Governance.Assembly.Records;
using Workflows.Governance.Assembly.WorkProgramme;
using Workflows.Governance.Documents;

namespace Workflows.FunctionApp.Tests;

/// <summary>The commissioning assembly's admin functions against a substituted <see cref="DurableTaskClient"/>: each
/// calls the handler its self-hosted route calls, behind the same admin key, with problem+json for what it refuses.</summary>
public sealed class AssemblyFunctionsTests : IDisposable
{
    private const string Host = "https://congress.example.org";

    private static readonly Roster ClosedRoster = new()
    {
        RoundId = "nr-done",
        ClosedAt = new DateTime(2026, 11, 30, 17, 0, 0, DateTimeKind.Utc),
        Leads =
        [
            new RosterLead("leeds-ccg", "NHS Leeds CCG", new Nomination("Dr Asha Patel", "Clinical chair", "GMC 4412345", "asha.patel@leeds.example.org"), "Design group"),
            new RosterLead("hull-ccg", "NHS Hull CCG", new Nomination("Dr Tom Reid", "Clinical lead", "GMC 5512345", "tom.reid@hull.example.org"), "Design group"),
        ],
    };

    private readonly FunctionTestContext app = new();
    private readonly DurableTaskClient client = Substitute.For<DurableTaskClient>("functions");
    private readonly AssemblyFunctions functions;
    private readonly AssemblyRoundFunctions rounds;

    public AssemblyFunctionsTests()
    {
        this.functions = new AssemblyFunctions(this.app.Http);
        this.rounds = new AssemblyRoundFunctions(this.app.Http);
        this.client.GetInstanceAsync(Arg.Any<string>(), Arg.Any<bool>(), Arg.Any<CancellationToken>()).Returns((OrchestrationMetadata?)null);
        this.client.ScheduleNewOrchestrationInstanceAsync(Arg.Any<TaskName>(), Arg.Any<object?>(), Arg.Any<StartOrchestrationOptions?>(), Arg.Any<CancellationToken>())
            .Returns(call => call.ArgAt<StartOrchestrationOptions?>(2)?.InstanceId ?? "generated");
    }

    private IDocumentStore Documents => this.app.Services.GetRequiredService<IDocumentStore>();

    [Fact]
    public async Task Get_assembly_is_the_configuration_in_force_with_names_and_no_addresses_and_needs_the_admin_key()
    {
        var request = this.app.Request("GET", "/api/assembly");
        var anonymous = this.app.Request("GET", "/api/assembly", admin: false);

        var (status, _, body, _) = await FunctionTestContext.RunAsync(request, await this.functions.GetAssemblyAsync(request));
        var (refused, contentType, _, _) = await FunctionTestContext.RunAsync(anonymous, await this.functions.GetAssemblyAsync(anonymous));

        Assert.Equal(200, status);
        using JsonDocument json = JsonDocument.Parse(body);
        AssemblyConfiguration configured = this.app.Services.GetRequiredService<AssemblyConfiguration>();
        Assert.Equal(configured.Members.Select(m => m.Id), json.RootElement.GetProperty("members").EnumerateArray().Select(m => m.GetProperty("id").GetString()));
        Assert.Equal(configured.Groups.Select(g => g.Id), json.RootElement.GetProperty("groups").EnumerateArray().Select(g => g.GetProperty("id").GetString()));
        Assert.DoesNotContain("@", body, StringComparison.Ordinal);
        Assert.Equal((401, "application/problem+json"), (refused, contentType));
    }

    [Fact]
    public async Task Starting_a_nomination_round_schedules_its_orchestrator_and_answers_202_with_the_status_route()
    {
        var request = this.app.Request("POST", "/api/assembly/nominations", """{ "id": "nr-fn-1", "members": [ "leeds-ccg" ] }""");

        var (status, _, body, headers) = await FunctionTestContext.RunAsync(request, await this.functions.StartNominationRoundAsync(request, this.client));

        Assert.Equal(202, status);
        const string statusUrl = Host + "/api/assembly/nominations/nr-fn-1";
        Assert.Equal(statusUrl, headers.Location.ToString());
        using JsonDocument json = JsonDocument.Parse(body);
        Assert.Equal("nr-fn-1", json.RootElement.GetProperty("id").GetString());
        Assert.Equal("start", json.RootElement.GetProperty("action").GetString());
        Assert.Equal(["nr-fn-1"], json.RootElement.GetProperty("instances").EnumerateArray().Select(i => i.GetString()));
        Assert.Equal(statusUrl, json.RootElement.GetProperty("statusUrl").GetString());
        await this.client.Received(1).ScheduleNewOrchestrationInstanceAsync(
            new TaskName(nameof(NominationRoundOrchestrator)),
            Arg.Is<object?>(i => ((NominationRoundInput)i!).Members.Single().Id == "leeds-ccg"),
            Arg.Is<StartOrchestrationOptions?>(o => o!.InstanceId == "nr-fn-1"),
            Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task Every_start_without_the_admin_key_is_401_problem_json_and_starts_nothing()
    {
        foreach (Func<HttpRequest, DurableTaskClient, Task<IActionResult>> start in (Func<HttpRequest, DurableTaskClient, Task<IActionResult>>[])
            [this.functions.StartNominationRoundAsync, this.functions.StartConsultationAsync, this.functions.StartWorkProgrammeAsync])
        {
            var request = this.app.Request("POST", "/api/assembly/any", """{ "id": "r-1", "nominationRound": "nr-done" }""", admin: false);

            var (status, contentType, body, _) = await FunctionTestContext.RunAsync(request, await start(request, this.client));

            Assert.Equal((401, "application/problem+json"), (status, contentType));
            Assert.DoesNotContain(FunctionTestContext.AdminKey, body, StringComparison.Ordinal);
        }

        await this.client.DidNotReceiveWithAnyArgs().ScheduleNewOrchestrationInstanceAsync(default, default, default, default);
        await this.client.DidNotReceiveWithAnyArgs().GetInstanceAsync(default!, default, default);
    }

    [Fact]
    public async Task A_bad_start_is_400_problem_json_naming_each_field_and_starts_nothing()
    {
        var request = this.app.Request("POST", "/api/assembly/nominations", """{ "id": "bad id:1", "members": [ "nowhere-ccg" ] }""");
        var malformed = this.app.Request("POST", "/api/assembly/work-programme", """{ "id": """);

        var (status, contentType, body, _) = await FunctionTestContext.RunAsync(request, await this.functions.StartNominationRoundAsync(request, this.client));
        var (malformedStatus, malformedType, malformedBody, _) = await FunctionTestContext.RunAsync(malformed, await this.functions.StartWorkProgrammeAsync(malformed, this.client));

        Assert.Equal((400, "application/problem+json"), (status, contentType));
        using JsonDocument json = JsonDocument.Parse(body);
        Assert.Equal(["id", "members[0]"], json.RootElement.GetProperty("errors").EnumerateObject().Select(e => e.Name).Order(StringComparer.Ordinal));
        Assert.Equal((400, "application/problem+json"), (malformedStatus, malformedType));
        Assert.DoesNotContain("   at ", malformedBody, StringComparison.Ordinal);
        await this.client.DidNotReceiveWithAnyArgs().ScheduleNewOrchestrationInstanceAsync(default, default, default, default);
    }

    [Fact]
    public async Task A_round_id_in_use_is_409_problem_json()
    {
        this.client.ScheduleNewOrchestrationInstanceAsync(Arg.Any<TaskName>(), Arg.Any<object?>(), Arg.Any<StartOrchestrationOptions?>(), Arg.Any<CancellationToken>())
            .ThrowsAsync(new OrchestrationAlreadyExistsException("nr-taken exists"));
        var request = this.app.Request("POST", "/api/assembly/nominations", """{ "id": "nr-taken" }""");

        var (status, contentType, body, _) = await FunctionTestContext.RunAsync(request, await this.functions.StartNominationRoundAsync(request, this.client));

        Assert.Equal((409, "application/problem+json"), (status, contentType));
        Assert.Contains("nr-taken", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_consultation_on_a_closed_roster_stores_its_drafts_and_schedules_the_roster_leads()
    {
        this.client.Has("nr-done", nameof(NominationRoundOrchestrator), status: null, OrchestrationRuntimeStatus.Completed, output: ClosedRoster);
        var request = this.app.Request("POST", "/api/assembly/consultations", """
            { "id": "c-fn-1", "title": "Draft statement of intent", "nominationRound": "nr-done",
              "documents": [ { "id": "statement", "title": "Draft statement", "name": "statement.pdf", "contentType": "application/pdf", "contentBase64": "JVBERi0=" } ] }
            """);

        var (status, _, _, headers) = await FunctionTestContext.RunAsync(request, await this.functions.StartConsultationAsync(request, this.client));

        Assert.Equal(202, status);
        Assert.Equal(Host + "/api/assembly/consultations/c-fn-1", headers.Location.ToString());
        await using StoredDocument? draft = await this.Documents.OpenAsync(AssemblyRecordPaths.Draft("c-fn-1", "statement.pdf"));
        Assert.NotNull(draft);
        Assert.Equal("%PDF-"u8.ToArray(), await draft.ReadAllBytesAsync());
        await this.client.Received(1).ScheduleNewOrchestrationInstanceAsync(
            new TaskName(nameof(ConsultationOrchestrator)),
            Arg.Is<object?>(i => ((ConsultationInput)i!).Members.Select(m => m.Id).SequenceEqual(new[] { "leeds-ccg", "hull-ccg" })),
            Arg.Is<StartOrchestrationOptions?>(o => o!.InstanceId == "c-fn-1"),
            Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task A_work_programme_round_before_the_roster_is_written_is_409_and_starts_nothing()
    {
        this.client.Has("nr-open", nameof(NominationRoundOrchestrator), new NominationRoundStatus { RoundId = "nr-open", ClosesAt = DateTime.UtcNow.AddDays(3) });
        var request = this.app.Request("POST", "/api/assembly/work-programme", """{ "id": "wp-fn-1", "nominationRound": "nr-open" }""");

        var (status, contentType, body, _) = await FunctionTestContext.RunAsync(request, await this.functions.StartWorkProgrammeAsync(request, this.client));

        Assert.Equal((409, "application/problem+json"), (status, contentType));
        Assert.Contains("nr-open", body, StringComparison.Ordinal);
        await this.client.DidNotReceiveWithAnyArgs().ScheduleNewOrchestrationInstanceAsync(default, default, default, default);
    }

    [Fact]
    public async Task Each_round_function_reads_only_rounds_of_the_kind_its_route_names()
    {
        foreach (AssemblyRoundKind kind in AssemblyRoundKind.All)
        {
            this.client.Has(RoundOf(kind), kind.Orchestrator, status: null);
            await this.Documents.SaveAsync(AssemblyRecordPaths.Json(kind.RecordKind, RoundOf(kind)), """{ "kind": "record" }"""u8.ToArray(), "application/json", overwrite: true);
        }

        List<MethodInfo> declared = [.. typeof(AssemblyRoundFunctions).GetMethods().Where(m => m.GetCustomAttribute<FunctionAttribute>() is not null)];
        Assert.Equal(AssemblyRoundKind.All.Count * 5, declared.Count);
        foreach (MethodInfo function in declared)
        {
            HttpTriggerAttribute trigger = function.GetParameters()[0].GetCustomAttribute<HttpTriggerAttribute>()!;
            AssemblyRoundKind own = AssemblyRoundKind.All.Single(k => trigger.Route!.StartsWith($"api/assembly/{k.Segment}/", StringComparison.Ordinal));
            foreach (AssemblyRoundKind kind in AssemblyRoundKind.All)
            {
                string path = trigger.Route!.Replace("{id}", RoundOf(kind), StringComparison.Ordinal);
                var request = this.app.Request(trigger.Methods!.Single().ToUpperInvariant(), "/" + path);
                object?[] arguments = [.. function.GetParameters().Select(p => p.ParameterType == typeof(HttpRequest) ? request : p.ParameterType == typeof(DurableTaskClient) ? this.client : (object)RoundOf(kind))];

                var (status, contentType, body, _) = await FunctionTestContext.RunAsync(request, await (Task<IActionResult>)function.Invoke(this.rounds, arguments)!);

                int expected = kind != own ? 404 : trigger.Methods!.Single() == "post" ? 409 : 200;
                Assert.True(status == expected, $"{function.Name} on {path}: expected {expected}, got {status}: {body}");
                if (expected != 200)
                {
                    Assert.Equal("application/problem+json", contentType);
                }
                else if (!path.EndsWith("/record", StringComparison.Ordinal))
                {
                    using JsonDocument json = JsonDocument.Parse(body);
                    Assert.Equal((RoundOf(kind), kind.Segment), (json.RootElement.GetProperty("id").GetString(), json.RootElement.GetProperty("kind").GetString()));
                }
                else
                {
                    Assert.Equal("""{ "kind": "record" }""", body);
                }
            }
        }

        await this.client.DidNotReceiveWithAnyArgs().RaiseEventAsync(default!, default!, default, default);
    }

    [Fact]
    public async Task Closing_an_open_consultation_raises_close_on_it_and_a_malformed_extension_is_400_and_raises_nothing()
    {
        this.client.Has("c-open", nameof(ConsultationOrchestrator), new ConsultationStatus { ConsultationId = "c-open", State = RoundState.Open, ClosesAt = DateTime.UtcNow.AddDays(3) });
        var extend = this.app.Request("POST", "/api/assembly/consultations/c-open/extend", """{ "closesAt": 12 """);
        var close = this.app.Request("POST", "/api/assembly/consultations/c-open/close", """{ "by": "Board secretary" }""");

        var (extendStatus, extendType, _, _) = await FunctionTestContext.RunAsync(extend, await this.rounds.ExtendConsultationAsync(extend, this.client, "c-open"));
        await this.client.DidNotReceiveWithAnyArgs().RaiseEventAsync(default!, default!, default, default);
        var (closeStatus, _, body, headers) = await FunctionTestContext.RunAsync(close, await this.rounds.CloseConsultationAsync(close, this.client, "c-open"));

        Assert.Equal((400, "application/problem+json"), (extendStatus, extendType));
        Assert.Equal(202, closeStatus);
        Assert.Equal(Host + "/api/assembly/consultations/c-open", headers.Location.ToString());
        using JsonDocument json = JsonDocument.Parse(body);
        Assert.Equal("close", json.RootElement.GetProperty("action").GetString());
        await this.client.Received(1).RaiseEventAsync("c-open", AssemblyEvents.Close, "admin: Board secretary", Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task Interest_recorded_on_a_members_behalf_is_checked_as_its_form_checks_it_and_raised_once_valid()
    {
        this.client.Has("wp-open", nameof(WorkProgrammeOrchestrator), new WorkProgrammeStatus
        {
            RoundId = "wp-open",
            State = RoundState.Open,
            ClosesAt = DateTime.UtcNow.AddDays(3),
            Groups = [new() { Id = "quality", Name = "Quality", Capacity = 2 }, new() { Id = "incentives", Name = "Incentives", Capacity = 1 }],
            Members = [new MemberInterestStatus { MemberId = "leeds-ccg", MemberName = "NHS Leeds CCG" }],
        });
        var invalid = this.app.Request("POST", "/api/assembly/work-programme/wp-open/members/leeds-ccg/interest", """{ "preferences": [ "quality", "no-such-group" ] }""");
        var stranger = this.app.Request("POST", "/api/assembly/work-programme/wp-open/members/nowhere-ccg/interest", """{ "preferences": [ "quality" ] }""");
        var valid = this.app.Request("POST", "/api/assembly/work-programme/wp-open/members/leeds-ccg/interest", """{ "preferences": [ "incentives", "quality" ], "by": "Assembly office" }""");

        var (invalidStatus, invalidType, invalidBody, _) = await FunctionTestContext.RunAsync(invalid, await this.functions.RecordInterestAsync(invalid, this.client, "wp-open", "leeds-ccg"));
        var (strangerStatus, strangerType, _, _) = await FunctionTestContext.RunAsync(stranger, await this.functions.RecordInterestAsync(stranger, this.client, "wp-open", "nowhere-ccg"));
        await this.client.DidNotReceiveWithAnyArgs().RaiseEventAsync(default!, default!, default, default);
        var (validStatus, _, _, _) = await FunctionTestContext.RunAsync(valid, await this.functions.RecordInterestAsync(valid, this.client, "wp-open", "leeds-ccg"));

        Assert.Equal((400, "application/problem+json"), (invalidStatus, invalidType));
        Assert.Contains("preferences[1]", invalidBody, StringComparison.Ordinal);
        Assert.Equal((404, "application/problem+json"), (strangerStatus, strangerType));
        Assert.Equal(202, validStatus);
        await this.client.Received(1).RaiseEventAsync(
            "wp-open",
            AssemblyEvents.Interest,
            Arg.Is<object?>(e => ((InterestEvent)e!).MemberId == "leeds-ccg" && ((InterestEvent)e!).Preferences.SequenceEqual(new[] { "incentives", "quality" })),
            Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task A_nomination_or_review_for_an_unknown_round_is_404_and_raises_nothing()
    {
        var nomination = this.app.Request("POST", "/api/assembly/nominations/nr-missing/members/leeds-ccg/nomination", """{ "name": "Dr A", "role": "Chair", "registration": "GMC 1", "email": "a@leeds.example.org" }""");
        var review = this.app.Request("POST", "/api/assembly/nominations/nr-missing/members/leeds-ccg/review", """{ "decision": "accept" }""");
        var response = this.app.Request("POST", "/api/assembly/consultations/c-missing/members/leeds-ccg/response", """{ "views": [] }""");

        var (nominationStatus, nominationType, _, _) = await FunctionTestContext.RunAsync(nomination, await this.functions.RecordNominationAsync(nomination, this.client, "nr-missing", "leeds-ccg"));
        var (reviewStatus, _, _, _) = await FunctionTestContext.RunAsync(review, await this.functions.RecordReviewAsync(review, this.client, "nr-missing", "leeds-ccg"));
        var (responseStatus, _, _, _) = await FunctionTestContext.RunAsync(response, await this.functions.RecordResponseAsync(response, this.client, "c-missing", "leeds-ccg"));

        Assert.Equal((404, "application/problem+json"), (nominationStatus, nominationType));
        Assert.Equal((404, 404), (reviewStatus, responseStatus));
        await this.client.DidNotReceiveWithAnyArgs().RaiseEventAsync(default!, default!, default, default);
    }

    public void Dispose() => this.app.Dispose();

    private static string RoundOf(AssemblyRoundKind kind) => $"round-{kind.Segment}";
}
