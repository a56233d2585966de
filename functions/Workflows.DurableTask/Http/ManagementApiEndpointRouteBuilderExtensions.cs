using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.DurableTask.Client;

namespace Workflows.DurableTask.Http;

/// <summary>Maps the Durable Functions management HTTP API onto an ASP.NET Core host.</summary>
public static class ManagementApiEndpointRouteBuilderExtensions
{
    /// <summary>The route prefix of the Durable Functions HTTP API.</summary>
    public const string DefaultPrefix = "/runtime/webhooks/durabletask";

    /// <summary>Maps the management API under <paramref name="prefix"/>, on the <see cref="DurableTaskClient"/> registered
    /// in the host's services, with the routes, query parameters, status codes and JSON of the Durable Functions HTTP API:
    /// <list type="bullet">
    /// <item><c>POST orchestrators/{functionName}/{instanceId?}</c>: start (body = input; <c>version</c>); 202 + check-status payload, 400, 409.</item>
    /// <item><c>GET instances/{instanceId}</c>: status (<c>showHistory</c>, <c>showHistoryOutput</c>, <c>showInput</c>); 202 while live, 200 when finished, 404.</item>
    /// <item><c>GET instances</c>: list (<c>createdTimeFrom</c>, <c>createdTimeTo</c>, <c>runtimeStatus</c>, <c>instanceIdPrefix</c>,
    /// <c>showInput</c>, <c>top</c>), paged by the <c>x-ms-continuation-token</c> header.</item>
    /// <item><c>POST instances/{instanceId}/raiseEvent/{eventName}</c>, <c>terminate</c>, <c>suspend</c>, <c>resume</c>, <c>rewind</c>
    /// (<c>reason</c>), <c>restart</c> (<c>restartWithNewInstanceId</c>): 202, 400, 404, 410.</item>
    /// <item><c>DELETE instances/{instanceId}</c> and <c>DELETE instances?createdTimeFrom=...</c>: purge; 200 with <c>instancesDeleted</c>, 404.</item>
    /// </list>
    /// Errors are problem+json; 501 when the client or its storage provider cannot do what was asked (rewind, restart, history,
    /// queries or purge throwing <see cref="NotSupportedException"/>). The API has no authorization of its own: add the host's
    /// to the returned group.</summary>
    /// <param name="endpoints">The host's routes.</param>
    /// <param name="prefix">The route prefix.</param>
    /// <returns>The group of the API's routes, for the host's filters and conventions.</returns>
    public static RouteGroupBuilder MapDurableTaskManagementApi(this IEndpointRouteBuilder endpoints, string prefix = DefaultPrefix)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        string normalized = ManagementLinks.NormalizePrefix(prefix);
        RouteGroupBuilder api = endpoints.MapGroup(normalized);
        api.WithMetadata(new ManagementApiMetadata(normalized));

        // Instance ids may hold any character but control characters, slashes included (escaped as %2F in the routes).
        api.WithRawRouteValue("instanceId");

        api.MapPost("orchestrators/{functionName}/{instanceId?}", StartOrchestrationEndpoint.HandleAsync);
        api.MapGet("instances", InstanceStatusEndpoints.ListAsync);
        api.MapDelete("instances", PurgeEndpoints.PurgeInstancesAsync);
        api.MapGet("instances/{instanceId}", InstanceStatusEndpoints.GetAsync);
        api.MapDelete("instances/{instanceId}", PurgeEndpoints.PurgeInstanceAsync);
        api.MapPost("instances/{instanceId}/raiseEvent/{eventName}", InstanceOperationEndpoints.RaiseEventAsync);
        api.MapPost("instances/{instanceId}/terminate", InstanceOperationEndpoints.TerminateAsync);
        api.MapPost("instances/{instanceId}/suspend", InstanceOperationEndpoints.SuspendAsync);
        api.MapPost("instances/{instanceId}/resume", InstanceOperationEndpoints.ResumeAsync);
        api.MapPost("instances/{instanceId}/rewind", InstanceOperationEndpoints.RewindAsync);
        api.MapPost("instances/{instanceId}/restart", InstanceOperationEndpoints.RestartAsync);
        return api;
    }
}
