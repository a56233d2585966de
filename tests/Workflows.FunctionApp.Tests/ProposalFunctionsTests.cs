using System.Text.Json;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using NSubstitute;
using Workflows.Functions;

namespace Workflows.FunctionApp.Tests;

/// <summary>The proposal and governance functions against a substituted <see cref="DurableTaskClient"/>.</summary>
public sealed class ProposalFunctionsTests : IDisposable
{
    private const string ValidBody = """
        { "id": "p-fn-1", "title": "Community stroke rehabilitation", "summary": "Move rehabilitation into the community.",
          "category": "service-change", "raisedBy": { "body": "cannock-chase-ccg", "committee": "quality" }, "value": 5000 }
        """;

    private readonly FunctionTestContext app = new();
    private readonly DurableTaskClient client = Substitute.For<DurableTaskClient>("functions");

    public ProposalFunctionsTests()
    {
        this.client.GetInstanceAsync(Arg.Any<string>(), Arg.Any<bool>(), Arg.Any<CancellationToken>()).Returns((OrchestrationMetadata?)null);
        this.client.ScheduleNewOrchestrationInstanceAsync(Arg.Any<TaskName>(), Arg.Any<object?>(), Arg.Any<StartOrchestrationOptions?>(), Arg.Any<CancellationToken>())
            .Returns(call => call.ArgAt<StartOrchestrationOptions?>(2)?.InstanceId ?? "generated");
    }

    [Fact]
    public async Task Start_schedules_the_proposal_orchestrator_and_returns_the_check_status_payload()
    {
        var request = this.app.Request("POST", "/api/proposals", ValidBody);

        var (status, _, body, headers) = await FunctionTestContext.RunAsync(request, await new ProposalFunctions(this.app.Http).StartProposalAsync(request, this.client));

        Assert.Equal(202, status);
        using JsonDocument json = JsonDocument.Parse(body);
        const string instance = "https://congress.example.org/runtime/webhooks/durabletask/instances/p-fn-1";
        Assert.Equal("p-fn-1", json.RootElement.GetProperty("id").GetString());
        Assert.Equal(instance, json.RootElement.GetProperty("statusQueryGetUri").GetString());
        Assert.Equal(instance + "/raiseEvent/{eventName}", json.RootElement.GetProperty("sendEventPostUri").GetString());
        Assert.Equal(instance, headers.Location.ToString());
        await this.client.Received(1).ScheduleNewOrchestrationInstanceAsync(
            new TaskName("ProposalOrchestrator"), Arg.Any<object?>(), Arg.Is<StartOrchestrationOptions?>(o => o!.InstanceId == "p-fn-1"), Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task Start_without_the_admin_key_is_401_problem_json_and_starts_nothing()
    {
        var request = this.app.Request("POST", "/api/proposals", ValidBody, admin: false);

        var (status, contentType, body, _) = await FunctionTestContext.RunAsync(request, await new ProposalFunctions(this.app.Http).StartProposalAsync(request, this.client));

        Assert.Equal(401, status);
        Assert.Equal("application/problem+json", contentType);
        Assert.DoesNotContain(FunctionTestContext.AdminKey, body, StringComparison.Ordinal);
        await this.client.DidNotReceiveWithAnyArgs().ScheduleNewOrchestrationInstanceAsync(default, default, default, default);
    }

    [Fact]
    public async Task Start_with_a_bad_body_is_400_problem_json_naming_each_field_and_starts_nothing()
    {
        var request = this.app.Request("POST", "/api/proposals", """{ "title": "", "category": "no-such-category" }""");

        var (status, contentType, body, _) = await FunctionTestContext.RunAsync(request, await new ProposalFunctions(this.app.Http).StartProposalAsync(request, this.client));

        Assert.Equal(400, status);
        Assert.Equal("application/problem+json", contentType);
        using JsonDocument json = JsonDocument.Parse(body);
        JsonElement errors = json.RootElement.GetProperty("errors");
        Assert.True(errors.TryGetProperty("title", out _), body);
        Assert.True(errors.TryGetProperty("category", out _), body);
        await this.client.DidNotReceiveWithAnyArgs().ScheduleNewOrchestrationInstanceAsync(default, default, default, default);
    }

    [Fact]
    public async Task Start_with_malformed_json_is_400_problem_json_without_parser_details()
    {
        var request = this.app.Request("POST", "/api/proposals", """{ "title": """);

        var (status, contentType, body, _) = await FunctionTestContext.RunAsync(request, await new ProposalFunctions(this.app.Http).StartProposalAsync(request, this.client));

        Assert.Equal(400, status);
        Assert.Equal("application/problem+json", contentType);
        Assert.DoesNotContain("   at ", body, StringComparison.Ordinal);
        await this.client.DidNotReceiveWithAnyArgs().ScheduleNewOrchestrationInstanceAsync(default, default, default, default);
    }

    [Fact]
    public async Task Get_of_an_unknown_proposal_is_404_problem_json()
    {
        var request = this.app.Request("GET", "/api/proposals/p-missing");

        var (status, contentType, body, _) = await FunctionTestContext.RunAsync(request, await new ProposalFunctions(this.app.Http).GetProposalAsync(request, this.client, "p-missing"));

        Assert.Equal(404, status);
        Assert.Equal("application/problem+json", contentType);
        Assert.Contains("p-missing", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Withdraw_of_an_unknown_proposal_is_404_and_raises_nothing()
    {
        var request = this.app.Request("POST", "/api/proposals/p-missing/withdraw", """{ "reason": "Duplicate" }""");

        var (status, _, _, _) = await FunctionTestContext.RunAsync(request, await new ProposalFunctions(this.app.Http).WithdrawProposalAsync(request, this.client, "p-missing"));

        Assert.Equal(404, status);
        await this.client.DidNotReceiveWithAnyArgs().RaiseEventAsync(default!, default!, default, default);
        await this.client.DidNotReceiveWithAnyArgs().TerminateInstanceAsync(default!, default(TerminateInstanceOptions), default);
    }

    [Fact]
    public async Task Governance_is_the_configuration_in_force_with_names_and_no_addresses()
    {
        var request = this.app.Request("GET", "/api/governance");

        var (status, _, body, _) = await FunctionTestContext.RunAsync(request, await new ProposalFunctions(this.app.Http).GetGovernanceAsync(request));

        Assert.Equal(200, status);
        using JsonDocument json = JsonDocument.Parse(body);
        Assert.Contains(json.RootElement.GetProperty("bodies").EnumerateArray(), b => b.GetProperty("id").GetString() == "cannock-chase-ccg");
        Assert.DoesNotContain("@", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_decision_record_that_does_not_exist_is_404()
    {
        var request = this.app.Request("GET", "/proposals/p-missing/record", admin: false);

        var (status, _, _, _) = await FunctionTestContext.RunAsync(request, await new ProposalFunctions(this.app.Http).DecisionRecordAsync(request, "p-missing"));

        Assert.Equal(404, status);
    }

    public void Dispose() => this.app.Dispose();
}
