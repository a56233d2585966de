using Microsoft.DurableTask.Client;
using Workflows.DurableTask.Queries;

namespace Workflows.Governance.Dashboard;

/// <summary>What the instance list shows.</summary>
public sealed class InstancesModel
{
    /// <summary>The filters and order asked for.</summary>
    public required InstanceFilter Filter { get; init; }

    /// <summary>What was wrong with the request or the query; nothing is listed when there is any.</summary>
    public required IReadOnlyList<string> Errors { get; init; }

    /// <summary>The page of instances.</summary>
    public IReadOnlyList<OrchestrationMetadata> Instances { get; set; } = [];

    /// <summary>The next page's continuation token, if there is a next page.</summary>
    public string? NextToken { get; set; }

    /// <summary>How many instances there are of each status, under the same filters but the status.</summary>
    public Dictionary<OrchestrationRuntimeStatus, long> Counts { get; } = [];

    /// <summary>The work due in the store and not yet done.</summary>
    public WorkBacklog? Backlog { get; set; }

    /// <summary>What the store can do beyond the SDK's query; the page leaves out, and says it leaves out, the rest.</summary>
    public InstanceQueryCapabilities Capabilities { get; init; } = InstanceQueryCapabilities.All;
}
