using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Workflows.Governance.Http;

namespace Workflows.Functions;

/// <summary>The approval pages behind emailed links: opening one changes nothing, a confirmed, anti-forgery-checked
/// POST decides.</summary>
public sealed class ApprovalFunctions(GovernanceHttp http)
{
    /// <summary><c>GET /approvals/{token}</c>.</summary>
    [Function("ShowApproval")]
    public async Task<IActionResult> ShowAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "approvals/{token}")] HttpRequest request,
        [DurableClient] DurableTaskClient client,
        string token)
    {
        ArgumentNullException.ThrowIfNull(request);
        return new HttpResultAction(await http.ShowApprovalAsync(request.HttpContext, client, token));
    }

    /// <summary><c>POST /approvals/{token}</c>.</summary>
    [Function("ConfirmApproval")]
    public async Task<IActionResult> ConfirmAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "approvals/{token}")] HttpRequest request,
        [DurableClient] DurableTaskClient client,
        string token)
    {
        ArgumentNullException.ThrowIfNull(request);
        return new HttpResultAction(await http.ConfirmApprovalAsync(request.HttpContext, client, token));
    }

    /// <summary><c>GET /approvals/{token}/papers/{name}</c>.</summary>
    [Function("GetApprovalPaper")]
    public async Task<IActionResult> PaperAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "approvals/{token}/papers/{name}")] HttpRequest request,
        [DurableClient] DurableTaskClient client,
        string token,
        string name)
    {
        ArgumentNullException.ThrowIfNull(request);
        return new HttpResultAction(await http.ApprovalPaperAsync(request.HttpContext, client, token, name));
    }
}
