using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask.Client;

namespace Workflows.DurableTask.Http;

/// <summary>Check-status links and responses for app code that starts orchestrations from its own HTTP endpoints, with the
/// names of the Durable Functions client.</summary>
public static class DurableTaskClientHttpExtensions
{
    /// <summary>The management links of an instance, absolute for <paramref name="request"/>'s scheme, host and path base, under
    /// the prefix the management API was mapped at (<c>/runtime/webhooks/durabletask</c> when it is not mapped). The links
    /// carry the request's <c>code</c> query parameter when it has one.</summary>
    /// <param name="client">The client; not used, it places the method where Durable Functions code looks for it.</param>
    /// <param name="instanceId">The instance id.</param>
    /// <param name="request">The request being answered.</param>
    public static HttpManagementPayload CreateHttpManagementPayload(this DurableTaskClient client, string instanceId, HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentException.ThrowIfNullOrEmpty(instanceId);
        ArgumentNullException.ThrowIfNull(request);
        return ManagementLinks.Create(request, ManagementLinks.FindPrefix(request.HttpContext), instanceId);
    }

    /// <summary>The Durable Functions response to a start: 202 Accepted with a <c>Location</c> header at the status link, a
    /// <c>Retry-After</c> header and the <see cref="HttpManagementPayload"/> as JSON. Return it from a minimal API handler;
    /// it implements <c>IValueHttpResult&lt;HttpManagementPayload&gt;</c> so tests can read the payload.</summary>
    /// <param name="client">The client.</param>
    /// <param name="request">The request being answered.</param>
    /// <param name="instanceId">The instance id.</param>
    public static IResult CreateCheckStatusResponse(this DurableTaskClient client, HttpRequest request, string instanceId) =>
        new CheckStatusResult(client.CreateHttpManagementPayload(instanceId, request));
}
