using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Workflows.Governance.Assembly.Http;
using Workflows.Governance.Http;

namespace Workflows.Functions;

/// <summary>Each kind of assembly round's status, steering (close early, extend, resend) and record, behind the admin
/// key: one function per kind and route, since a function's route is a constant.</summary>
public sealed class AssemblyRoundFunctions(GovernanceHttp http)
{
    /// <summary><c>GET /api/assembly/nominations/{id}</c>: the round and each member's state, live.</summary>
    [Function("GetNominationRound")]
    public Task<IActionResult> NominationRoundAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/assembly/nominations/{id}")] HttpRequest request,
        [DurableClient] DurableTaskClient client,
        string id) =>
        HttpResultAction.RunAsync(request, context => http.AssemblyRoundAsync(context, client, AssemblyRoundKind.Nominations, id));

    /// <summary><c>POST /api/assembly/nominations/{id}/close</c>: closes it now.</summary>
    [Function("CloseNominationRound")]
    public Task<IActionResult> CloseNominationRoundAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/assembly/nominations/{id}/close")] HttpRequest request,
        [DurableClient] DurableTaskClient client,
        string id) =>
        HttpResultAction.RunAsync(request, context => http.CloseAssemblyRoundAsync(context, client, AssemblyRoundKind.Nominations, id));

    /// <summary><c>POST /api/assembly/nominations/{id}/extend</c>: moves its closing date later.</summary>
    [Function("ExtendNominationRound")]
    public Task<IActionResult> ExtendNominationRoundAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/assembly/nominations/{id}/extend")] HttpRequest request,
        [DurableClient] DurableTaskClient client,
        string id) =>
        HttpResultAction.RunAsync(request, context => http.ExtendAssemblyRoundAsync(context, client, AssemblyRoundKind.Nominations, id));

    /// <summary><c>POST /api/assembly/nominations/{id}/resend</c>: sends the current invitations again.</summary>
    [Function("ResendNominationRound")]
    public Task<IActionResult> ResendNominationRoundAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/assembly/nominations/{id}/resend")] HttpRequest request,
        [DurableClient] DurableTaskClient client,
        string id) =>
        HttpResultAction.RunAsync(request, context => http.ResendAssemblyRoundAsync(context, client, AssemblyRoundKind.Nominations, id));

    /// <summary><c>GET /api/assembly/nominations/{id}/record</c>: the record written at its close.</summary>
    [Function("GetNominationRoundRecord")]
    public Task<IActionResult> NominationRoundRecordAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/assembly/nominations/{id}/record")] HttpRequest request,
        string id) =>
        HttpResultAction.RunAsync(request, context => http.AssemblyRecordAsync(context, AssemblyRoundKind.Nominations, id));

    /// <summary><c>GET /api/assembly/consultations/{id}</c>: the round and each member's state, live.</summary>
    [Function("GetConsultation")]
    public Task<IActionResult> ConsultationAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/assembly/consultations/{id}")] HttpRequest request,
        [DurableClient] DurableTaskClient client,
        string id) =>
        HttpResultAction.RunAsync(request, context => http.AssemblyRoundAsync(context, client, AssemblyRoundKind.Consultations, id));

    /// <summary><c>POST /api/assembly/consultations/{id}/close</c>: closes it now.</summary>
    [Function("CloseConsultation")]
    public Task<IActionResult> CloseConsultationAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/assembly/consultations/{id}/close")] HttpRequest request,
        [DurableClient] DurableTaskClient client,
        string id) =>
        HttpResultAction.RunAsync(request, context => http.CloseAssemblyRoundAsync(context, client, AssemblyRoundKind.Consultations, id));

    /// <summary><c>POST /api/assembly/consultations/{id}/extend</c>: moves its closing date later.</summary>
    [Function("ExtendConsultation")]
    public Task<IActionResult> ExtendConsultationAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/assembly/consultations/{id}/extend")] HttpRequest request,
        [DurableClient] DurableTaskClient client,
        string id) =>
        HttpResultAction.RunAsync(request, context => http.ExtendAssemblyRoundAsync(context, client, AssemblyRoundKind.Consultations, id));

    /// <summary><c>POST /api/assembly/consultations/{id}/resend</c>: sends the current invitations again.</summary>
    [Function("ResendConsultation")]
    public Task<IActionResult> ResendConsultationAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/assembly/consultations/{id}/resend")] HttpRequest request,
        [DurableClient] DurableTaskClient client,
        string id) =>
        HttpResultAction.RunAsync(request, context => http.ResendAssemblyRoundAsync(context, client, AssemblyRoundKind.Consultations, id));

    /// <summary><c>GET /api/assembly/consultations/{id}/record</c>: the record written at its close.</summary>
    [Function("GetConsultationRecord")]
    public Task<IActionResult> ConsultationRecordAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/assembly/consultations/{id}/record")] HttpRequest request,
        string id) =>
        HttpResultAction.RunAsync(request, context => http.AssemblyRecordAsync(context, AssemblyRoundKind.Consultations, id));

    /// <summary><c>GET /api/assembly/work-programme/{id}</c>: the round and each member's state, live.</summary>
    [Function("GetWorkProgrammeRound")]
    public Task<IActionResult> WorkProgrammeRoundAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/assembly/work-programme/{id}")] HttpRequest request,
        [DurableClient] DurableTaskClient client,
        string id) =>
        HttpResultAction.RunAsync(request, context => http.AssemblyRoundAsync(context, client, AssemblyRoundKind.WorkProgramme, id));

    /// <summary><c>POST /api/assembly/work-programme/{id}/close</c>: closes it now.</summary>
    [Function("CloseWorkProgrammeRound")]
    public Task<IActionResult> CloseWorkProgrammeRoundAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/assembly/work-programme/{id}/close")] HttpRequest request,
        [DurableClient] DurableTaskClient client,
        string id) =>
        HttpResultAction.RunAsync(request, context => http.CloseAssemblyRoundAsync(context, client, AssemblyRoundKind.WorkProgramme, id));

    /// <summary><c>POST /api/assembly/work-programme/{id}/extend</c>: moves its closing date later.</summary>
    [Function("ExtendWorkProgrammeRound")]
    public Task<IActionResult> ExtendWorkProgrammeRoundAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/assembly/work-programme/{id}/extend")] HttpRequest request,
        [DurableClient] DurableTaskClient client,
        string id) =>
        HttpResultAction.RunAsync(request, context => http.ExtendAssemblyRoundAsync(context, client, AssemblyRoundKind.WorkProgramme, id));

    /// <summary><c>POST /api/assembly/work-programme/{id}/resend</c>: sends the current invitations again.</summary>
    [Function("ResendWorkProgrammeRound")]
    public Task<IActionResult> ResendWorkProgrammeRoundAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/assembly/work-programme/{id}/resend")] HttpRequest request,
        [DurableClient] DurableTaskClient client,
        string id) =>
        HttpResultAction.RunAsync(request, context => http.ResendAssemblyRoundAsync(context, client, AssemblyRoundKind.WorkProgramme, id));

    /// <summary><c>GET /api/assembly/work-programme/{id}/record</c>: the record written at its close.</summary>
    [Function("GetWorkProgrammeRoundRecord")]
    public Task<IActionResult> WorkProgrammeRoundRecordAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/assembly/work-programme/{id}/record")] HttpRequest request,
        string id) =>
        HttpResultAction.RunAsync(request, context => http.AssemblyRecordAsync(context, AssemblyRoundKind.WorkProgramme, id));
}
