using System.Globalization;
using System.Text.Json.Nodes;
using DurableTask.Core.History;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Net.Http.Headers;

namespace Workflows.DurableTask.Http;

/// <summary><c>GET instances/{instanceId}</c> and <c>GET instances</c>: the status of one instance, and a filtered page of instances.</summary>
internal static class InstanceStatusEndpoints
{
    /// <summary>The paging header of the list, in both directions.</summary>
    public const string ContinuationTokenHeader = "x-ms-continuation-token";

    /// <summary>Seconds a poller should wait before asking again about a live instance, as Durable Functions advises.</summary>
    private const int RetryAfterSeconds = 5;

    public static async Task<IResult> GetAsync(HttpContext context, string instanceId, [FromServices] DurableTaskClient client)
    {
        var query = new ManagementQueryReader(context.Request.Query);
        bool showHistory = query.Boolean("showHistory", false);
        bool showHistoryOutput = query.Boolean("showHistoryOutput", false);
        bool showInput = query.Boolean("showInput", true);
        bool failureIsError = query.Boolean("returnInternalServerErrorOnFailure", false);
        if (query.Problem is { } problem)
        {
            return problem;
        }

        OrchestrationMetadata? metadata = await client.GetInstanceAsync(instanceId, getInputsAndOutputs: true, context.RequestAborted).ConfigureAwait(false);
        if (metadata is null)
        {
            return ManagementProblems.NotFound(instanceId);
        }

        JsonArray? history = null;
        if (showHistory)
        {
            try
            {
                IList<HistoryEvent> events = await client.GetOrchestrationHistoryAsync(instanceId, context.RequestAborted).ConfigureAwait(false);
                history = HistoryEventsFormatter.Format(events, showHistoryOutput);
            }
            catch (NotSupportedException)
            {
                return ManagementProblems.NotSupported("reading history, showHistory=true");
            }
            catch (ArgumentException)
            {
                // Purged since it was read.
                return ManagementProblems.NotFound(instanceId);
            }
        }

        int statusCode = StatusCodes.Status200OK;
        if (!metadata.IsCompleted)
        {
            // The asynchronous request-reply pattern: poll the same URL until it says 200.
            statusCode = StatusCodes.Status202Accepted;
            context.Response.Headers[HeaderNames.Location] = ManagementLinks.StatusUrl(context.Request, ManagementLinks.FindPrefix(context), instanceId);
            context.Response.Headers[HeaderNames.RetryAfter] = RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
        }
        else if (metadata.RuntimeStatus == OrchestrationRuntimeStatus.Failed && failureIsError)
        {
            statusCode = StatusCodes.Status500InternalServerError;
        }

        return Results.Json(OrchestrationStatusPayload.From(metadata, showInput, history), ManagementJson.Options, statusCode: statusCode);
    }

    public static async Task<IResult> ListAsync(HttpContext context, [FromServices] DurableTaskClient client)
    {
        var query = new ManagementQueryReader(context.Request.Query);
        DateTimeOffset? createdFrom = query.DateTime("createdTimeFrom");
        DateTimeOffset? createdTo = query.DateTime("createdTimeTo");
        IReadOnlyList<OrchestrationRuntimeStatus>? statuses = query.Statuses("runtimeStatus");
        string? prefix = query.Text("instanceIdPrefix");
        bool showInput = query.Boolean("showInput", true);
        int pageSize = query.PositiveInteger("top") ?? OrchestrationQuery.DefaultPageSize;
        if (query.Problem is { } problem)
        {
            return problem;
        }

        string? token = context.Request.Headers[ContinuationTokenHeader].FirstOrDefault(v => !string.IsNullOrEmpty(v));
        var filter = new OrchestrationQuery(createdFrom, createdTo, statuses, null, prefix, pageSize, FetchInputsAndOutputs: true, token);
        Page<OrchestrationMetadata>? page = null;
        try
        {
            await foreach (Page<OrchestrationMetadata> first in client.GetAllInstancesAsync(filter).AsPages(token, pageSize).WithCancellation(context.RequestAborted).ConfigureAwait(false))
            {
                page = first;
                break;
            }
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException)
        {
            // The only argument a valid query string leaves to the store is the token, which callers echo back opaquely.
            return ManagementProblems.BadParameter(ContinuationTokenHeader, $"The {ContinuationTokenHeader} header is not a token this API issued.");
        }
        catch (NotSupportedException)
        {
            return ManagementProblems.NotSupported("listing instances");
        }

        if (page?.ContinuationToken is { } next)
        {
            context.Response.Headers[ContinuationTokenHeader] = next;
        }

        IEnumerable<OrchestrationStatusPayload> items = (page?.Values ?? []).Select(m => OrchestrationStatusPayload.From(m, showInput, null));
        return Results.Json(items.ToList(), ManagementJson.Options);
    }
}
