using System.Text.Json;
using DurableTask.Core.Exceptions;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;

namespace Workflows.DurableTask.Http;

/// <summary><c>POST orchestrators/{functionName}/{instanceId?}</c>: starts an orchestration with the body as its input.</summary>
/// <remarks>The orchestrator name is not checked against a registry: the worker that runs the instance may live in another
/// process, so an unknown name makes an instance that fails on its first episode, naming the orchestrators it knows.</remarks>
internal static class StartOrchestrationEndpoint
{
    /// <summary>The statuses of an instance that still holds its id.</summary>
    public static readonly OrchestrationRuntimeStatus[] LiveStatuses =
    [
        OrchestrationRuntimeStatus.Pending,
        OrchestrationRuntimeStatus.Running,
        OrchestrationRuntimeStatus.Suspended,
    ];

    public static async Task<IResult> HandleAsync(HttpContext context, string functionName, string? instanceId, [FromServices] DurableTaskClient client)
    {
        var query = new ManagementQueryReader(context.Request.Query);
        string? version = query.Text("version");

        // Durable Functions reads any body as JSON whatever its declared type; so does this.
        (JsonElement? input, IResult? problem) = await ManagementRequestBody.ReadJsonAsync(context.Request, requireJsonMediaType: false, context.RequestAborted).ConfigureAwait(false);
        if (problem is not null)
        {
            return problem;
        }

        string id;
        try
        {
            // As in Durable Functions, an id held by a live instance is refused; a finished one is started afresh. Left unset,
            // the SDK's dedupe statuses would let the start terminate and replace a live instance.
            StartOrchestrationOptions options = new StartOrchestrationOptions(string.IsNullOrEmpty(instanceId) ? null : instanceId)
            {
                Version = version is null ? default(TaskVersion?) : new TaskVersion(version),
            }.WithDedupeStatuses(LiveStatuses);
            id = await client.ScheduleNewOrchestrationInstanceAsync(functionName, input, options, context.RequestAborted).ConfigureAwait(false);
        }
        catch (OrchestrationAlreadyExistsException ex)
        {
            return ManagementProblems.Conflict(ex.Message);
        }
        catch (ArgumentException ex)
        {
            return ManagementProblems.BadRequest(ex.Message);
        }

        ILogger logger = ManagementApiLog.For(context);
        ManagementApiLog.Started(logger, functionName, id);
        return new CheckStatusResult(ManagementLinks.Create(context.Request, ManagementLinks.FindPrefix(context), id));
    }
}
