using Workflows.Durable.Client;

namespace Workflows.Durable.Storage;

/// <summary>A filter over instances, with keyset paging.</summary>
public sealed record InstanceQuery
{
    /// <summary>Instances created at or after this time.</summary>
    public DateTimeOffset? CreatedFrom { get; init; }

    /// <summary>Instances created at or before this time.</summary>
    public DateTimeOffset? CreatedTo { get; init; }

    /// <summary>Instances in one of these statuses; all when null or empty.</summary>
    public IReadOnlyCollection<OrchestrationRuntimeStatus>? Statuses { get; init; }

    /// <summary>Instances whose id starts with this text.</summary>
    public string? InstanceIdPrefix { get; init; }

    /// <summary>Instances of this orchestrator (case-insensitive).</summary>
    public string? Name { get; init; }

    /// <summary>Instances whose custom status (its JSON text) contains this text, ignoring the case of ASCII letters.</summary>
    public string? CustomStatusContains { get; init; }

    /// <summary>What the page is ordered by.</summary>
    public InstanceOrderBy OrderBy { get; init; }

    /// <summary>Whether the order is ascending; descending (newest first) by default.</summary>
    public bool Ascending { get; init; }

    /// <summary>The page size.</summary>
    public int PageSize { get; init; } = 100;

    /// <summary>Whether inputs, outputs and custom status are read.</summary>
    public bool IncludePayloads { get; init; }

    /// <summary>The continuation token of the previous page, or null for the first.</summary>
    public string? ContinuationToken { get; init; }
}
