using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Workflows.Governance.Http;

namespace Workflows.Functions;

/// <summary>The pages behind the assembly's signed, expiring links (nomination, review, consultation response and
/// work-programme interest forms) and their stylesheet: opening a link changes nothing, a confirmed,
/// anti-forgery-checked POST answers.</summary>
public sealed class AssemblyLinkFunctions(GovernanceHttp http)
{
    /// <summary><c>GET /assembly/links/{token}</c>.</summary>
    [Function("ShowAssemblyLink")]
    public Task<IActionResult> ShowAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "assembly/links/{token}")] HttpRequest request,
        [DurableClient] DurableTaskClient client,
        string token) =>
        HttpResultAction.RunAsync(request, context => http.ShowAssemblyLinkAsync(context, client, token));

    /// <summary><c>POST /assembly/links/{token}</c>.</summary>
    [Function("ConfirmAssemblyLink")]
    public Task<IActionResult> ConfirmAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "assembly/links/{token}")] HttpRequest request,
        [DurableClient] DurableTaskClient client,
        string token) =>
        HttpResultAction.RunAsync(request, context => http.ConfirmAssemblyLinkAsync(context, client, token));

    /// <summary><c>GET /assembly/links/{token}/documents/{documentId}</c>: a consultation's draft, as a download.</summary>
    [Function("GetAssemblyDraft")]
    public Task<IActionResult> DraftAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "assembly/links/{token}/documents/{documentId}")] HttpRequest request,
        [DurableClient] DurableTaskClient client,
        string token,
        string documentId) =>
        HttpResultAction.RunAsync(request, context => http.AssemblyDraftAsync(context, client, token, documentId));

    /// <summary><c>GET /assembly/assets/forms.css</c>.</summary>
    [Function("GetAssemblyStylesheet")]
    public IActionResult Stylesheet([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "assembly/assets/forms.css")] HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return new HttpResultAction(http.AssemblyFormsStylesheet(request.HttpContext));
    }
}
