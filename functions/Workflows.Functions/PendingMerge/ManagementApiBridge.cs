using Microsoft.DurableTask.Client;

namespace Workflows.DurableTask.Http;

/// <summary>Temporary: the three members of the management API the app calls, until Workflows.DurableTask.Http lands in
/// this branch. Deleted by the merge that brings it.</summary>
internal static class ManagementApiBridge
{
    public static RouteGroupBuilder MapDurableTaskManagementApi(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapGroup("/runtime/webhooks/durabletask");

    public static IResult CreateCheckStatusResponse(this DurableTaskClient client, HttpRequest request, string instanceId) =>
        Results.Accepted($"/runtime/webhooks/durabletask/instances/{Uri.EscapeDataString(instanceId)}");

    public static TBuilder WithRawRouteValue<TBuilder>(this TBuilder builder, string name)
        where TBuilder : IEndpointConventionBuilder => builder;
}
