using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Workflows.Governance.Http;

namespace Workflows.Functions;

/// <summary>The operators' dashboard: sign-in with the admin key, the instance list and details with their actions,
/// and the proposals board. Pages without a session redirect to sign-in.</summary>
public sealed class DashboardFunctions(GovernanceHttp http)
{
    /// <summary><c>GET /dashboard/signin</c>.</summary>
    [Function("DashboardSignInPage")]
    public IActionResult SignInPage([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "dashboard/signin")] HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return new HttpResultAction(http.DashboardSignInPage(request.HttpContext));
    }

    /// <summary><c>POST /dashboard/signin</c>.</summary>
    [Function("DashboardSignIn")]
    public async Task<IActionResult> SignInAsync([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "dashboard/signin")] HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return new HttpResultAction(await http.DashboardSignInAsync(request.HttpContext));
    }

    /// <summary><c>POST /dashboard/signout</c>.</summary>
    [Function("DashboardSignOut")]
    public async Task<IActionResult> SignOutAsync([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "dashboard/signout")] HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return new HttpResultAction(await http.DashboardSignOutAsync(request.HttpContext));
    }

    /// <summary><c>GET /dashboard</c>.</summary>
    [Function("DashboardInstances")]
    public async Task<IActionResult> InstancesAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "dashboard")] HttpRequest request,
        [DurableClient] DurableTaskClient client)
    {
        ArgumentNullException.ThrowIfNull(request);
        return new HttpResultAction(await http.DashboardInstancesAsync(request.HttpContext, client));
    }

    /// <summary><c>GET /dashboard/instances/{id}</c>.</summary>
    [Function("DashboardInstance")]
    public async Task<IActionResult> InstanceAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "dashboard/instances/{id}")] HttpRequest request,
        [DurableClient] DurableTaskClient client,
        string id)
    {
        ArgumentNullException.ThrowIfNull(request);
        return new HttpResultAction(await http.DashboardInstanceAsync(request.HttpContext, client, id));
    }

    /// <summary><c>POST /dashboard/instances/{id}/{action}</c>.</summary>
    [Function("DashboardInstanceAction")]
    public async Task<IActionResult> ActionAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "dashboard/instances/{id}/{action}")] HttpRequest request,
        [DurableClient] DurableTaskClient client,
        string id,
        string action)
    {
        ArgumentNullException.ThrowIfNull(request);
        return new HttpResultAction(await http.DashboardActionAsync(request.HttpContext, client, id, action));
    }

    /// <summary><c>GET /dashboard/proposals</c>.</summary>
    [Function("DashboardProposals")]
    public async Task<IActionResult> ProposalsAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "dashboard/proposals")] HttpRequest request,
        [DurableClient] DurableTaskClient client)
    {
        ArgumentNullException.ThrowIfNull(request);
        return new HttpResultAction(await http.DashboardProposalsAsync(request.HttpContext, client));
    }

    /// <summary><c>GET /dashboard/assembly</c>.</summary>
    [Function("DashboardAssembly")]
    public async Task<IActionResult> AssemblyAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "dashboard/assembly")] HttpRequest request,
        [DurableClient] DurableTaskClient client)
    {
        ArgumentNullException.ThrowIfNull(request);
        return new HttpResultAction(await http.DashboardAssemblyAsync(request.HttpContext, client));
    }

    /// <summary><c>GET /dashboard/assembly/{kind}/{id}</c>.</summary>
    [Function("DashboardAssemblyRound")]
    public async Task<IActionResult> AssemblyRoundAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "dashboard/assembly/{kind}/{id}")] HttpRequest request,
        [DurableClient] DurableTaskClient client,
        string kind,
        string id)
    {
        ArgumentNullException.ThrowIfNull(request);
        return new HttpResultAction(await http.DashboardAssemblyRoundAsync(request.HttpContext, client, kind, id));
    }
}
