using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Workflows.Governance.Http;

namespace Workflows.Functions;

/// <summary>The admin API of the congress's proposals (admin key as <c>x-functions-key</c> or <c>?code=</c>, checked
/// by Workflows.Governance as in the self-hosted service), the configuration in force and the public decision records.</summary>
public sealed class ProposalFunctions(GovernanceHttp http)
{
    /// <summary><c>GET /api/governance</c>.</summary>
    [Function("GetGovernance")]
    public async Task<IActionResult> GetGovernanceAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/governance")] HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return new HttpResultAction(await http.GetGovernanceAsync(request.HttpContext));
    }

    /// <summary><c>POST /api/proposals</c>: validates, stores the papers and starts the workflow (202 and the
    /// check-status payload).</summary>
    [Function("StartProposal")]
    public async Task<IActionResult> StartProposalAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/proposals")] HttpRequest request,
        [DurableClient] DurableTaskClient client)
    {
        ArgumentNullException.ThrowIfNull(request);
        return new HttpResultAction(await http.StartProposalAsync(request.HttpContext, client));
    }

    /// <summary><c>GET /api/proposals</c>.</summary>
    [Function("ListProposals")]
    public async Task<IActionResult> ListProposalsAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/proposals")] HttpRequest request,
        [DurableClient] DurableTaskClient client)
    {
        ArgumentNullException.ThrowIfNull(request);
        return new HttpResultAction(await http.ListProposalsAsync(request.HttpContext, client));
    }

    /// <summary><c>GET /api/proposals/{id}</c>.</summary>
    [Function("GetProposal")]
    public async Task<IActionResult> GetProposalAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/proposals/{id}")] HttpRequest request,
        [DurableClient] DurableTaskClient client,
        string id)
    {
        ArgumentNullException.ThrowIfNull(request);
        return new HttpResultAction(await http.GetProposalAsync(request.HttpContext, client, id));
    }

    /// <summary><c>POST /api/proposals/{id}/withdraw</c>.</summary>
    [Function("WithdrawProposal")]
    public async Task<IActionResult> WithdrawProposalAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/proposals/{id}/withdraw")] HttpRequest request,
        [DurableClient] DurableTaskClient client,
        string id)
    {
        ArgumentNullException.ThrowIfNull(request);
        return new HttpResultAction(await http.WithdrawProposalAsync(request.HttpContext, client, id));
    }

    /// <summary><c>POST /api/proposals/{id}/deadline</c>.</summary>
    [Function("ExtendProposalDeadline")]
    public async Task<IActionResult> ExtendDeadlineAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/proposals/{id}/deadline")] HttpRequest request,
        [DurableClient] DurableTaskClient client,
        string id)
    {
        ArgumentNullException.ThrowIfNull(request);
        return new HttpResultAction(await http.ExtendDeadlineAsync(request.HttpContext, client, id));
    }

    /// <summary><c>POST /api/proposals/{id}/bodies/{bodyId}/decision</c>: a decision recorded on a governing body's behalf.</summary>
    [Function("RecordBodyDecision")]
    public async Task<IActionResult> RecordBodyDecisionAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/proposals/{id}/bodies/{bodyId}/decision")] HttpRequest request,
        [DurableClient] DurableTaskClient client,
        string id,
        string bodyId)
    {
        ArgumentNullException.ThrowIfNull(request);
        return new HttpResultAction(await http.RecordBodyDecisionAsync(request.HttpContext, client, id, bodyId));
    }

    /// <summary><c>POST /api/proposals/{id}/resend</c>.</summary>
    [Function("ResendApprovalEmail")]
    public async Task<IActionResult> ResendAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/proposals/{id}/resend")] HttpRequest request,
        [DurableClient] DurableTaskClient client,
        string id)
    {
        ArgumentNullException.ThrowIfNull(request);
        return new HttpResultAction(await http.ResendAsync(request.HttpContext, client, id));
    }

    /// <summary><c>GET /api/proposals/{id}/papers/{name}</c>.</summary>
    [Function("GetProposalPaper")]
    public async Task<IActionResult> ProposalPaperAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/proposals/{id}/papers/{name}")] HttpRequest request,
        string id,
        string name)
    {
        ArgumentNullException.ThrowIfNull(request);
        return new HttpResultAction(await http.ProposalPaperAsync(request.HttpContext, id, name));
    }

    /// <summary><c>GET /proposals/{id}/record</c>: a decided proposal's record (public).</summary>
    [Function("GetDecisionRecord")]
    public async Task<IActionResult> DecisionRecordAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "proposals/{id}/record")] HttpRequest request,
        string id)
    {
        ArgumentNullException.ThrowIfNull(request);
        return new HttpResultAction(await http.DecisionRecordAsync(request.HttpContext, id));
    }
}
