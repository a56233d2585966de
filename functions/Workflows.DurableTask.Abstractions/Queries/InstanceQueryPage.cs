using Microsoft.DurableTask.Client;

namespace Workflows.DurableTask.Queries;

/// <summary>One page of a query.</summary>
/// <param name="Instances">The instances, in the query's order.</param>
/// <param name="ContinuationToken">The token for the next page, or null on the last.</param>
public sealed record InstanceQueryPage(IReadOnlyList<OrchestrationMetadata> Instances, string? ContinuationToken);
