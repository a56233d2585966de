using Microsoft.DurableTask.Client;

namespace Workflows.DurableTask.Queries;

/// <summary>A filter, order and page over orchestration instances.</summary>
public sealed record InstanceQuery
{
    /// <summary>The default page size.</summary>
    public const int DefaultPageSize = 100;

    /// <summary>Created at or after.</summary>
    public DateTimeOffset? CreatedFrom { get; init; }

    /// <summary>Created at or before.</summary>
    public DateTimeOffset? CreatedTo { get; init; }

    /// <summary>In one of these statuses (all when null or empty).</summary>
    public IReadOnlyCollection<OrchestrationRuntimeStatus>? Statuses { get; init; }

    /// <summary>Whose id starts with this text (ordinal).</summary>
    public string? InstanceIdPrefix { get; init; }

    /// <summary>Instances of this orchestrator only (case-insensitive).</summary>
    public string? Name { get; init; }

    /// <summary>Whose custom status (its JSON text) contains this text, ignoring the case of ASCII letters.</summary>
    public string? CustomStatusContains { get; init; }

    /// <summary>What the instances are ordered by; creation time by default.</summary>
    public InstanceOrderBy OrderBy { get; init; }

    /// <summary>Whether the order is ascending; newest first by default.</summary>
    public bool Ascending { get; init; }

    /// <summary>The page size (1 to 1,000).</summary>
    public int PageSize { get; init; } = DefaultPageSize;

    /// <summary>Where to continue from: the token of the previous page, under the same order.</summary>
    public string? ContinuationToken { get; init; }

    /// <summary>Whether inputs, outputs and custom status are read.</summary>
    public bool FetchInputsAndOutputs { get; init; }
}
