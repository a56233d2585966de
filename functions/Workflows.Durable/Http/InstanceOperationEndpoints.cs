using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Logging;
using Workflows.Durable.Client;

namespace Workflows.Durable.Http;

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

    public static async Task<IResult> TerminateAsync(HttpContext context, string instanceId, [FromServices] DurableTaskClient client)
    {
        OrchestrationMetadata? metadata = await client.GetInstanceAsync(instanceId, getInputsAndOutputs: false, context.RequestAborted).ConfigureAwait(false);
        if (metadata is null)
        {
            return ManagementProblems.NotFound(instanceId);
        }

        if (metadata.IsCompleted)
        {
            return ManagementProblems.Gone(instanceId, metadata.RuntimeStatus, "terminate", "pending, running or suspended");
        }

        // As in Durable Functions, the reason becomes the terminated instance's output.
        string? reason = new ManagementQueryReader(context.Request.Query).Text(ReasonParameter);
        await client.TerminateInstanceAsync(instanceId, new TerminateInstanceOptions(reason), context.RequestAborted).ConfigureAwait(false);
        ILogger logger = ManagementApiLog.For(context);
        ManagementApiLog.OperationRequested(logger, "terminate", instanceId);
        return Results.Accepted();
    }

    public static async Task<IResult> SuspendAsync(HttpContext context, string instanceId, [FromServices] DurableTaskClient client)
    {
        OrchestrationMetadata? metadata = await client.GetInstanceAsync(instanceId, getInputsAndOutputs: false, context.RequestAborted).ConfigureAwait(false);
        if (metadata is null)
        {
            return ManagementProblems.NotFound(instanceId);
        }

        if (metadata.RuntimeStatus is not (OrchestrationRuntimeStatus.Running or OrchestrationRuntimeStatus.Pending))
        {
            return ManagementProblems.Gone(instanceId, metadata.RuntimeStatus, "suspend", "pending or running");
        }

        await client.SuspendInstanceAsync(instanceId, new ManagementQueryReader(context.Request.Query).Text(ReasonParameter), context.RequestAborted).ConfigureAwait(false);
        ILogger logger = ManagementApiLog.For(context);
        ManagementApiLog.OperationRequested(logger, "suspend", instanceId);
        return Results.Accepted();
    }

    public static async Task<IResult> ResumeAsync(HttpContext context, string instanceId, [FromServices] DurableTaskClient client)
    {
        OrchestrationMetadata? metadata = await client.GetInstanceAsync(instanceId, getInputsAndOutputs: false, context.RequestAborted).ConfigureAwait(false);
        if (metadata is null)
        {
            return ManagementProblems.NotFound(instanceId);
        }

        if (metadata.RuntimeStatus != OrchestrationRuntimeStatus.Suspended)
        {
            return ManagementProblems.Gone(instanceId, metadata.RuntimeStatus, "resume", "suspended");
        }

        await client.ResumeInstanceAsync(instanceId, new ManagementQueryReader(context.Request.Query).Text(ReasonParameter), context.RequestAborted).ConfigureAwait(false);
        ILogger logger = ManagementApiLog.For(context);
        ManagementApiLog.OperationRequested(logger, "resume", instanceId);
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
