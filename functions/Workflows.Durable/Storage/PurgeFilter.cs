using Workflows.Durable.Client;

namespace Workflows.Durable.Storage;

/// <summary>Which finished instances to purge.</summary>
/// <param name="CreatedFrom">Created at or after.</param>
/// <param name="CreatedTo">Created at or before.</param>
/// <param name="Statuses">In one of these terminal statuses; all terminal ones when null.</param>
public sealed record PurgeFilter(DateTimeOffset? CreatedFrom, DateTimeOffset? CreatedTo, IReadOnlyCollection<OrchestrationRuntimeStatus>? Statuses);
