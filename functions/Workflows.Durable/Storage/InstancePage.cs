namespace Workflows.Durable.Storage;

/// <summary>A page of instances and the token of the next page, null on the last.</summary>
/// <param name="Instances">The instances, in the query's order.</param>
/// <param name="ContinuationToken">The token that reads the next page.</param>
public sealed record InstancePage(IReadOnlyList<InstanceRecord> Instances, string? ContinuationToken);
