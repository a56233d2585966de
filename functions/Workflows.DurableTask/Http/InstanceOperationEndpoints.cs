using System.Text.Json;
using DurableTask.Core.Exceptions;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using Workflows.DurableTask.Client;

namespace Workflows.DurableTask.Http;

/// <summary>The <c>POST instances/{instanceId}/...</c> operations: raise event, terminate, suspend, resume, rewind and
/// restart. Each answers 404 for an unknown instance and 410 Gone when the instance's status does not allow it.</summary>
internal static class InstanceOperationEndpoints
{
    private const string ReasonParameter = "reason";

    public static async Task<IResult> RaiseEventAsync(HttpContext context, string instanceId, string eventName, [FromServices] DurableTaskClient client)
    {
        if (await InstanceOperation.RaiseEvent.CheckAsync(client, instanceId, context.RequestAborted).ConfigureAwait(false) is { } refused)
        {
            return refused;
        }

        (JsonElement? payload, IResult? problem) = await ManagementRequestBody.ReadJsonAsync(context.Request, requireJsonMediaType: true, context.RequestAborted).ConfigureAwait(false);
        if (problem is not null)
        {
            return problem;
        }

        try
        {
            await client.RaiseEventAsync(instanceId, eventName, payload, context.RequestAborted).ConfigureAwait(false);
        }
        catch (InstanceNotStartedException notStarted)
        {
            return ManagementProblems.NotStarted(context, notStarted);
        }

        ILogger logger = ManagementApiLog.For(context);
        ManagementApiLog.EventRaised(logger, eventName, instanceId);
        return Results.Accepted();
    }

    // As in Durable Functions, a terminate's reason becomes the terminated instance's output.
    public static Task<IResult> TerminateAsync(HttpContext context, string instanceId, [FromServices] DurableTaskClient client) =>
        ControlAsync(context, instanceId, client, InstanceOperation.Terminate, reason => client.TerminateInstanceAsync(instanceId, new TerminateInstanceOptions(reason), context.RequestAborted));

    public static Task<IResult> SuspendAsync(HttpContext context, string instanceId, [FromServices] DurableTaskClient client) =>
        ControlAsync(context, instanceId, client, InstanceOperation.Suspend, reason => client.SuspendInstanceAsync(instanceId, reason, context.RequestAborted));

    public static Task<IResult> ResumeAsync(HttpContext context, string instanceId, [FromServices] DurableTaskClient client) =>
        ControlAsync(context, instanceId, client, InstanceOperation.Resume, reason => client.ResumeInstanceAsync(instanceId, reason, context.RequestAborted));

    public static Task<IResult> RewindAsync(HttpContext context, string instanceId, [FromServices] DurableTaskClient client) =>
        ControlAsync(context, instanceId, client, InstanceOperation.Rewind, reason => client.RewindInstanceAsync(instanceId, reason ?? string.Empty, context.RequestAborted));

    /// <summary>404 when unknown, 410 when the status does not allow the operation, else 202 once requested; 501 when the
    /// store cannot do it (the SDK's NotSupportedException, or NotImplementedException from a provider without rewind).</summary>
    private static async Task<IResult> ControlAsync(HttpContext context, string instanceId, DurableTaskClient client, InstanceOperation operation, Func<string?, Task> request)
    {
        if (await operation.CheckAsync(client, instanceId, context.RequestAborted).ConfigureAwait(false) is { } refused)
        {
            return refused;
        }

        try
        {
            await request(new ManagementQueryReader(context.Request.Query).Text(ReasonParameter)).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is NotSupportedException or NotImplementedException)
        {
            return ManagementProblems.NotSupported(operation.Name);
        }
        catch (InstanceNotStartedException notStarted)
        {
            return ManagementProblems.NotStarted(context, notStarted);
        }
        catch (InvalidOperationException)
        {
            // The SDK's precondition failure: another request changed the instance since it was read.
            OrchestrationMetadata? now = await client.GetInstanceAsync(instanceId, getInputsAndOutputs: false, context.RequestAborted).ConfigureAwait(false);
            return now is null ? ManagementProblems.NotFound(instanceId) : operation.Refused(instanceId, now.RuntimeStatus);
        }
        catch (ArgumentException)
        {
            // Purged since it was read.
            return ManagementProblems.NotFound(instanceId);
        }

        ILogger logger = ManagementApiLog.For(context);
        ManagementApiLog.OperationRequested(logger, operation.Name, instanceId);
        return Results.Accepted();
    }

    public static async Task<IResult> RestartAsync(HttpContext context, string instanceId, [FromServices] DurableTaskClient client)
    {
        // Durable Functions restarts under a new id unless told otherwise.
        var query = new ManagementQueryReader(context.Request.Query);
        bool newInstanceId = query.Boolean("restartWithNewInstanceId", true);
        if (query.Problem is { } problem)
        {
            return problem;
        }

        if (await InstanceOperation.Restart.CheckAsync(client, instanceId, context.RequestAborted).ConfigureAwait(false) is { } refused)
        {
            return refused;
        }

        string restartedId;
        try
        {
            restartedId = await client.RestartAsync(instanceId, newInstanceId, context.RequestAborted).ConfigureAwait(false);
        }
        catch (OrchestrationAlreadyExistsException ex)
        {
            return ManagementProblems.Conflict(ex.Message);
        }
        catch (NotSupportedException)
        {
            return ManagementProblems.NotSupported(InstanceOperation.Restart.Name);
        }
        catch (InvalidOperationException)
        {
            // Restarted by another request since it was read.
            return InstanceOperation.Restart.Refused(instanceId, OrchestrationRuntimeStatus.Pending);
        }
        catch (ArgumentException)
        {
            return ManagementProblems.NotFound(instanceId);
        }

        ILogger logger = ManagementApiLog.For(context);
        ManagementApiLog.Restarted(logger, instanceId, restartedId);
        return new CheckStatusResult(ManagementLinks.Create(context.Request, ManagementLinks.FindPrefix(context), restartedId));
    }
}
