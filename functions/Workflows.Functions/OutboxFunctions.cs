using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Workflows.Governance.Http;

namespace Workflows.Functions;

/// <summary>The development outbox, for a Function App run locally without a SendGrid key; 404 otherwise.</summary>
public sealed class OutboxFunctions(GovernanceHttp http)
{
    /// <summary><c>GET /dev/outbox</c>.</summary>
    [Function("DevelopmentOutbox")]
    public async Task<IActionResult> ListAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "dev/outbox")] HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return new HttpResultAction(await http.OutboxAsync(request.HttpContext));
    }

    /// <summary><c>GET /dev/outbox/{id}</c>.</summary>
    [Function("DevelopmentOutboxMessage")]
    public async Task<IActionResult> ShowAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "dev/outbox/{id}")] HttpRequest request,
        string id)
    {
        ArgumentNullException.ThrowIfNull(request);
        return new HttpResultAction(await http.OutboxMessageAsync(request.HttpContext, id));
    }
}
