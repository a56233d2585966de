using Microsoft.AspNetCore.Http;
using System.Globalization;
using Microsoft.DurableTask.Client;
using Workflows.DurableTask.Client;

namespace Workflows.DurableTask.Http;

/// <summary>The problem+json responses of the management API; each says what was wrong, never how the server failed.</summary>
internal static class ManagementProblems
{
    public static IResult BadParameter(string parameter, string detail) => Results.Problem(
        detail: detail,
        statusCode: StatusCodes.Status400BadRequest,
        title: "Bad request parameter",
        extensions: new Dictionary<string, object?> { ["parameter"] = parameter });

    public static IResult BadRequest(string detail) =>
        Results.Problem(detail: detail, statusCode: StatusCodes.Status400BadRequest, title: "Bad request");

    public static IResult NotFound(string instanceId) => Results.Problem(
        detail: $"No orchestration instance with id '{instanceId}' exists.",
        statusCode: StatusCodes.Status404NotFound,
        title: "Instance not found");

    public static IResult NothingPurged() => Results.Problem(
        detail: "No finished orchestration instance matched the filter.",
        statusCode: StatusCodes.Status404NotFound,
        title: "Nothing to purge");

    public static IResult Gone(string instanceId, OrchestrationRuntimeStatus status, string operation, string allowed) => Results.Problem(
        detail: $"Instance '{instanceId}' is {status}; {operation} applies only to {allowed} instances.",
        statusCode: StatusCodes.Status410Gone,
        title: "Instance state does not allow this operation");

    public static IResult Conflict(string detail) =>
        Results.Problem(detail: detail, statusCode: StatusCodes.Status409Conflict, title: "Instance already exists");

    /// <summary>409 with Retry-After: the store would discard a message to an instance that has not started, so none
    /// was sent.</summary>
    public static IResult NotStarted(HttpContext context, InstanceNotStartedException refused)
    {
        int seconds = (int)Math.Clamp(Math.Ceiling(refused.RetryAfter.TotalSeconds), 1, int.MaxValue);
        context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        return Results.Problem(detail: refused.Message, statusCode: StatusCodes.Status409Conflict, title: "Instance has not started");
    }

    /// <summary>501: the configured store or client cannot do this (a provider without rewind, history or queries).</summary>
    public static IResult NotSupported(string operation) => Results.Problem(
        detail: $"The configured Durable Task store does not support this operation ({operation}).",
        statusCode: StatusCodes.Status501NotImplemented,
        title: "Operation not supported by this store");

    public static IResult NotFinished(string instanceId, OrchestrationRuntimeStatus status) => Results.Problem(
        detail: $"Instance '{instanceId}' is {status}; only completed, failed or terminated instances can be purged.",
        statusCode: StatusCodes.Status412PreconditionFailed,
        title: "Instance is not finished");
}
