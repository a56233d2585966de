using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Workflows.Governance.Http;

namespace Workflows.Functions;

/// <summary>The commissioning assembly's admin API (admin key as for the proposals): the configuration in force, the
/// starts of its rounds, and answers recorded on a member's or the design group's behalf. Each round's own status and
/// steering routes are <see cref="AssemblyRoundFunctions"/>.</summary>
public sealed class AssemblyFunctions(GovernanceHttp http)
{
    /// <summary><c>GET /api/assembly</c>.</summary>
    [Function("GetAssembly")]
    public Task<IActionResult> GetAssemblyAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/assembly")] HttpRequest request) =>
        HttpResultAction.RunAsync(request, http.GetAssemblyAsync);

    /// <summary><c>POST /api/assembly/nominations</c>: 202 with the round's status route.</summary>
    [Function("StartNominationRound")]
    public Task<IActionResult> StartNominationRoundAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/assembly/nominations")] HttpRequest request,
        [DurableClient] DurableTaskClient client) =>
        HttpResultAction.RunAsync(request, context => http.StartNominationRoundAsync(context, client));

    /// <summary><c>POST /api/assembly/consultations</c>: stores the drafts; 202 with the round's status route.</summary>
    [Function("StartConsultation")]
    public Task<IActionResult> StartConsultationAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/assembly/consultations")] HttpRequest request,
        [DurableClient] DurableTaskClient client) =>
        HttpResultAction.RunAsync(request, context => http.StartConsultationAsync(context, client));

    /// <summary><c>POST /api/assembly/work-programme</c>: 202 with the round's status route.</summary>
    [Function("StartWorkProgramme")]
    public Task<IActionResult> StartWorkProgrammeAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/assembly/work-programme")] HttpRequest request,
        [DurableClient] DurableTaskClient client) =>
        HttpResultAction.RunAsync(request, context => http.StartWorkProgrammeAsync(context, client));

    /// <summary><c>POST /api/assembly/nominations/{id}/members/{memberId}/nomination</c>: a CCG's nomination.</summary>
    [Function("RecordNomination")]
    public Task<IActionResult> RecordNominationAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/assembly/nominations/{id}/members/{memberId}/nomination")] HttpRequest request,
        [DurableClient] DurableTaskClient client,
        string id,
        string memberId) =>
        HttpResultAction.RunAsync(request, context => http.RecordNominationAsync(context, client, id, memberId));

    /// <summary><c>POST /api/assembly/nominations/{id}/members/{memberId}/review</c>: the design group's review.</summary>
    [Function("RecordNominationReview")]
    public Task<IActionResult> RecordReviewAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/assembly/nominations/{id}/members/{memberId}/review")] HttpRequest request,
        [DurableClient] DurableTaskClient client,
        string id,
        string memberId) =>
        HttpResultAction.RunAsync(request, context => http.RecordReviewAsync(context, client, id, memberId));

    /// <summary><c>POST /api/assembly/consultations/{id}/members/{memberId}/response</c>: a member's response.</summary>
    [Function("RecordConsultationResponse")]
    public Task<IActionResult> RecordResponseAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/assembly/consultations/{id}/members/{memberId}/response")] HttpRequest request,
        [DurableClient] DurableTaskClient client,
        string id,
        string memberId) =>
        HttpResultAction.RunAsync(request, context => http.RecordResponseAsync(context, client, id, memberId));

    /// <summary><c>POST /api/assembly/work-programme/{id}/members/{memberId}/interest</c>: a member's preferences.</summary>
    [Function("RecordGroupInterest")]
    public Task<IActionResult> RecordInterestAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/assembly/work-programme/{id}/members/{memberId}/interest")] HttpRequest request,
        [DurableClient] DurableTaskClient client,
        string id,
        string memberId) =>
        HttpResultAction.RunAsync(request, context => http.RecordInterestAsync(context, client, id, memberId));
}
