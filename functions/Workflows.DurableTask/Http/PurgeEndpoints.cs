using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;

namespace Workflows.DurableTask.Http;

/// <summary><c>DELETE instances/{instanceId}</c> and <c>DELETE instances?createdTimeFrom=...</c>: purge one finished instance,
/// or the finished instances that match a filter; 200 with <c>{"instancesDeleted": N}</c>, 404 when none was deleted.</summary>
internal static class PurgeEndpoints
{
    public static async Task<IResult> PurgeInstanceAsync(HttpContext context, string instanceId, [FromServices] DurableTaskClient client)
    {
        OrchestrationMetadata? metadata = await client.GetInstanceAsync(instanceId, getInputsAndOutputs: false, context.RequestAborted).ConfigureAwait(false);
        if (metadata is null)
        {
            return ManagementProblems.NotFound(instanceId);
        }

        // Durable Functions answers 412 here rather than a 404 that would suggest the instance does not exist.
        if (!metadata.IsCompleted)
        {
            return ManagementProblems.NotFinished(instanceId, metadata.RuntimeStatus);
        }

        PurgeResult result;
        try
        {
            result = await client.PurgeInstanceAsync(instanceId, context.RequestAborted).ConfigureAwait(false);
        }
        catch (NotSupportedException)
        {
            return ManagementProblems.NotSupported("purge");
        }
        catch (InvalidOperationException)
        {
            // Restarted by another request since it was read: the SDK refuses to purge a live instance.
            return ManagementProblems.NotFinished(instanceId, OrchestrationRuntimeStatus.Pending);
        }

        if (result.PurgedInstanceCount == 0)
        {
            return ManagementProblems.NotFound(instanceId);
        }

        ILogger logger = ManagementApiLog.For(context);
        ManagementApiLog.Purged(logger, result.PurgedInstanceCount, instanceId);
        return Deleted(result.PurgedInstanceCount);
    }

    public static async Task<IResult> PurgeInstancesAsync(HttpContext context, [FromServices] DurableTaskClient client)
    {
        var query = new ManagementQueryReader(context.Request.Query);
        DateTimeOffset? createdFrom = query.DateTime("createdTimeFrom");
        DateTimeOffset? createdTo = query.DateTime("createdTimeTo");
        IReadOnlyList<OrchestrationRuntimeStatus>? statuses = query.Statuses("runtimeStatus");
        if (query.Problem is { } problem)
        {
            return problem;
        }

        // Required, as in Durable Functions, so that a bare DELETE cannot wipe the whole task hub.
        if (createdFrom is null)
        {
            return ManagementProblems.BadParameter("createdTimeFrom", "The query parameter 'createdTimeFrom' is required to purge by filter.");
        }

        PurgeResult result;
        try
        {
            result = await client.PurgeAllInstancesAsync(new PurgeInstancesFilter(createdFrom, createdTo, statuses), context.RequestAborted).ConfigureAwait(false);
        }
        catch (NotSupportedException)
        {
            return ManagementProblems.NotSupported("purge by filter");
        }

        if (result.PurgedInstanceCount == 0)
        {
            return ManagementProblems.NothingPurged();
        }

        ILogger logger = ManagementApiLog.For(context);
        ManagementApiLog.Purged(logger, result.PurgedInstanceCount, "filter");
        return Deleted(result.PurgedInstanceCount);
    }

    private static IResult Deleted(int count) =>
        Results.Json(new Dictionary<string, int> { ["instancesDeleted"] = count }, ManagementJson.Options);
}
