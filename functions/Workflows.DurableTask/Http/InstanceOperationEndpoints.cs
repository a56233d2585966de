using System.Text.Json;
using DurableTask.Core.Exceptions;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;

namespace Workflows.DurableTask.Http;

/// <summary>The <c>POST instances/{instanceId}/...</c> operations: raise event, terminate, suspend, resume, rewind and
/// restart. Each answers 404 for an unknown instance and 410 Gone when the instance's status does not allow it.</summary>
internal static class InstanceOperationEndpoints
{
    private const string ReasonParameter = "reason";

    public static async Task<IResult> RaiseEventAsync(HttpContext context, string instanceId, string eventName, [FromServices] DurableTaskClient client)
    {
        OrchestrationMetadata? metadata = await client.GetInstanceAsync(instanceId, getInputsAndOutputs: false, context.RequestAborted).ConfigureAwait(false);
        if (metadata is null)
        {
            return ManagementProblems.NotFound(instanceId);
        }

        if (metadata.IsCompleted)
        {
            return ManagementProblems.Gone(instanceId, metadata.RuntimeStatus, "raising an event", "pending, running or suspended");
        }

        (JsonElement? payload, IResult? problem) = await ManagementRequestBody.ReadJsonAsync(context.Request, requireJsonMediaType: true, context.RequestAborted).ConfigureAwait(false);
        if (problem is not null)
        {
            return problem;
        }

        await client.RaiseEventAsync(instanceId, eventName, payload, context.RequestAborted).ConfigureAwait(false);
        ILogger logger = ManagementApiLog.For(context);
        ManagementApiLog.EventRaised(logger, eventName, instanceId);
        return Results.Accepted();
    }

    // As in Durable Functions, a terminate's reason becomes the terminated instance's output.
    public static Task<IResult> TerminateAsync(HttpContext context, string instanceId, [FromServices] DurableTaskClient client) =>
        ControlAsync(context, instanceId, client, "terminate", "pending, running or suspended", m => !m.IsCompleted, reason => client.TerminateInstanceAsync(instanceId, new TerminateInstanceOptions(reason), context.RequestAborted));

    public static Task<IResult> SuspendAsync(HttpContext context, string instanceId, [FromServices] DurableTaskClient client) =>
        ControlAsync(context, instanceId, client, "suspend", "pending or running", m => m.RuntimeStatus is OrchestrationRuntimeStatus.Running or OrchestrationRuntimeStatus.Pending, reason => client.SuspendInstanceAsync(instanceId, reason, context.RequestAborted));

    public static Task<IResult> ResumeAsync(HttpContext context, string instanceId, [FromServices] DurableTaskClient client) =>
        ControlAsync(context, instanceId, client, "resume", "suspended", m => m.RuntimeStatus == OrchestrationRuntimeStatus.Suspended, reason => client.ResumeInstanceAsync(instanceId, reason, context.RequestAborted));

    /// <summary>A control operation: 404 when unknown, 410 when the status does not allow it, else 202 once requested.</summary>
    private static async Task<IResult> ControlAsync(
        HttpContext context,
        string instanceId,
        DurableTaskClient client,
        string operation,
        string allowedStates,
        Func<OrchestrationMetadata, bool> allowed,
        Func<string?, Task> request)
    {
        OrchestrationMetadata? metadata = await client.GetInstanceAsync(instanceId, getInputsAndOutputs: false, context.RequestAborted).ConfigureAwait(false);
        if (metadata is null)
        {
            return ManagementProblems.NotFound(instanceId);
        }

        if (!allowed(metadata))
        {
            return ManagementProblems.Gone(instanceId, metadata.RuntimeStatus, operation, allowedStates);
        }

        await request(new ManagementQueryReader(context.Request.Query).Text(ReasonParameter)).ConfigureAwait(false);
        ILogger logger = ManagementApiLog.For(context);
        ManagementApiLog.OperationRequested(logger, operation, instanceId);
        return Results.Accepted();
    }

    public static async Task<IResult> RewindAsync(HttpContext context, string instanceId, [FromServices] DurableTaskClient client)
    {
        OrchestrationMetadata? metadata = await client.GetInstanceAsync(instanceId, getInputsAndOutputs: false, context.RequestAborted).ConfigureAwait(false);
        if (metadata is null)
        {
            return ManagementProblems.NotFound(instanceId);
        }

        if (metadata.RuntimeStatus != OrchestrationRuntimeStatus.Failed)
        {
            return ManagementProblems.Gone(instanceId, metadata.RuntimeStatus, "rewind", "failed");
        }

        string reason = new ManagementQueryReader(context.Request.Query).Text(ReasonParameter) ?? string.Empty;
        try
        {
            await client.RewindInstanceAsync(instanceId, reason, context.RequestAborted).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is NotSupportedException or NotImplementedException)
        {
            // The SDK's signal that the client or its storage provider cannot rewind.
            return ManagementProblems.NotSupported("rewinding instances");
        }
        catch (InvalidOperationException)
        {
            // Another request rewound or purged it since it was read.
            return ManagementProblems.Gone(instanceId, metadata.RuntimeStatus, "rewind", "failed");
        }
        catch (ArgumentException)
        {
            return ManagementProblems.NotFound(instanceId);
        }

        ILogger logger = ManagementApiLog.For(context);
        ManagementApiLog.OperationRequested(logger, "rewind", instanceId);
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

        OrchestrationMetadata? metadata = await client.GetInstanceAsync(instanceId, getInputsAndOutputs: false, context.RequestAborted).ConfigureAwait(false);
        if (metadata is null)
        {
            return ManagementProblems.NotFound(instanceId);
        }

        if (!metadata.IsCompleted)
        {
            return ManagementProblems.Gone(instanceId, metadata.RuntimeStatus, "restart", "completed, failed or terminated");
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
            return ManagementProblems.NotSupported("restarting instances");
        }
        catch (InvalidOperationException)
        {
            // Restarted by another request since it was read.
            return ManagementProblems.Gone(instanceId, OrchestrationRuntimeStatus.Pending, "restart", "completed, failed or terminated");
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
