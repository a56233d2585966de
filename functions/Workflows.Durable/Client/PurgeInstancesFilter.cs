namespace Workflows.Durable.Client;

/// <summary>Which finished instances to purge.</summary>
/// <param name="CreatedFrom">Created at or after.</param>
/// <param name="CreatedTo">Created at or before.</param>
/// <param name="Statuses">In one of these terminal statuses; all terminal ones when null.</param>
public record PurgeInstancesFilter(
    DateTimeOffset? CreatedFrom = null,
    DateTimeOffset? CreatedTo = null,
    IEnumerable<OrchestrationRuntimeStatus>? Statuses = null)
{
    /// <summary>Not used: a purge here completes in one call.</summary>
    public TimeSpan? Timeout { get; init; }
}
