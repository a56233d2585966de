using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.DurableTask.Client;
using Workflows.Governance.Assembly;
using Workflows.Governance.Assembly.Consultations;
using Workflows.Governance.Assembly.Nominations;
using Workflows.Governance.Assembly.WorkProgramme;
using Workflows.Functions.Tests.Approvals;

namespace Workflows.Functions.Tests.Assembly;

/// <summary>An admin steering the assembly's rounds through <c>/api/assembly</c> on a running app, as the README's curl
/// walk-through does, and waiting on the real engine for each step to show in the rounds' statuses.</summary>
public sealed class AssemblyAdmin(ApprovalPagesApp app, HttpClient admin)
{
    public const string Statement = "statement";

    /// <summary>Starts a nomination round for the CCGs given, open for three weeks.</summary>
    public async Task<NominationRoundStatus> StartNominationsAsync(string id, params string[] members)
    {
        await this.AcceptedAsync("/api/assembly/nominations", new JsonObject { ["id"] = id, ["members"] = new JsonArray([.. members.Select(m => JsonValue.Create(m))]) });
        return await app.WaitForCustomStatusAsync<NominationRoundStatus>(id, s => s.Members.Count == members.Length);
    }

    /// <summary>Records a nomination on the CCG's behalf and the design group's acceptance of it.</summary>
    public async Task NominateAndAcceptAsync(string id, string member, string lead, string email)
    {
        string ccg = NominationRoundOrchestrator.InstanceIdFor(id, member);
        await app.WaitForCustomStatusAsync<CcgNominationStatus>(ccg, s => s.State == NominationState.Invited);
        await this.AcceptedAsync($"/api/assembly/nominations/{id}/members/{member}/nomination", new JsonObject
        {
            ["name"] = lead, ["role"] = "Clinical chair", ["registration"] = "GMC 4412345", ["email"] = email,
        });
        await app.WaitForCustomStatusAsync<CcgNominationStatus>(ccg, s => s.State == NominationState.Nominated);
        await this.AcceptedAsync($"/api/assembly/nominations/{id}/members/{member}/review", new JsonObject { ["decision"] = "accept" });
        await app.WaitForCustomStatusAsync<CcgNominationStatus>(ccg, s => s.State == NominationState.Accepted);
    }

    /// <summary>Closes a round early and waits for its workflow to finish.</summary>
    public async Task<OrchestrationMetadata> CloseAsync(string kind, string id)
    {
        await this.AcceptedAsync($"/api/assembly/{kind}/{id}/close", new JsonObject { ["by"] = "dashboard tests" });
        return await app.WaitForCompletionAsync(id);
    }

    /// <summary>Starts a consultation on one draft over the roster of the closed nomination round.</summary>
    public async Task<ConsultationStatus> StartConsultationAsync(string id, string nominationRound, string title)
    {
        await this.AcceptedAsync("/api/assembly/consultations", new JsonObject
        {
            ["id"] = id,
            ["title"] = title,
            ["nominationRound"] = nominationRound,
            ["documents"] = new JsonArray(new JsonObject
            {
                ["id"] = Statement, ["title"] = "Draft shared statement of intent", ["name"] = "statement.pdf", ["contentType"] = "application/pdf",
                ["contentBase64"] = Convert.ToBase64String("%PDF-1.4 draft"u8.ToArray()),
            }),
        });
        return await app.WaitForCustomStatusAsync<ConsultationStatus>(id, s => s.Members.Count > 0);
    }

    /// <summary>Starts a work-programme round over the roster of the closed nomination round.</summary>
    public async Task<WorkProgrammeStatus> StartWorkProgrammeAsync(string id, string nominationRound)
    {
        await this.AcceptedAsync("/api/assembly/work-programme", new JsonObject { ["id"] = id, ["nominationRound"] = nominationRound });
        return await app.WaitForCustomStatusAsync<WorkProgrammeStatus>(id, s => s.Members.Count > 0);
    }

    /// <summary>Records a member's response on its behalf.</summary>
    public async Task RespondAsync(string id, string member, Position position)
    {
        await this.AcceptedAsync($"/api/assembly/consultations/{id}/members/{member}/response", new JsonObject
        {
            ["views"] = new JsonArray(new JsonObject { ["document"] = Statement, ["position"] = position.ToString(), ["comments"] = "Name the networks." }),
        });
        await app.WaitForCustomStatusAsync<ConsultationStatus>(id, s => s.Members.Single(m => m.MemberId == member).Responded);
    }

    /// <summary>Records a member's choice of groups on its behalf.</summary>
    public async Task ExpressInterestAsync(string id, string member, params string[] groups)
    {
        await this.AcceptedAsync($"/api/assembly/work-programme/{id}/members/{member}/interest", new JsonObject
        {
            ["preferences"] = new JsonArray([.. groups.Select(g => JsonValue.Create(g))]),
        });
        await app.WaitForCustomStatusAsync<WorkProgrammeStatus>(id, s => s.Members.Single(m => m.MemberId == member).Expressed);
    }

    private async Task AcceptedAsync(string path, JsonObject body)
    {
        using var content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
        using HttpResponseMessage response = await admin.PostAsync(new Uri(path, UriKind.Relative), content);
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, $"POST {path} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
    }
}
