namespace Workflows.Durable.Client;

/// <summary>A filter over orchestration instances.</summary>
/// <param name="CreatedFrom">Created at or after.</param>
/// <param name="CreatedTo">Created at or before.</param>
/// <param name="Statuses">In one of these statuses.</param>
/// <param name="TaskHubNames">Not used: one store is one task hub.</param>
/// <param name="InstanceIdPrefix">Whose id starts with this text.</param>
/// <param name="PageSize">The page size.</param>
/// <param name="FetchInputsAndOutputs">Whether inputs, outputs and custom status are read.</param>
/// <param name="ContinuationToken">Where to continue from.</param>
public record OrchestrationQuery(
    DateTimeOffset? CreatedFrom = null,
    DateTimeOffset? CreatedTo = null,
    IEnumerable<OrchestrationRuntimeStatus>? Statuses = null,
    IEnumerable<string>? TaskHubNames = null,
    string? InstanceIdPrefix = null,
    int PageSize = OrchestrationQuery.DefaultPageSize,
    bool FetchInputsAndOutputs = false,
    string? ContinuationToken = null)
{
    /// <summary>The default page size.</summary>
    public const int DefaultPageSize = 100;

    /// <summary>Instances of this orchestrator only (an extension of this engine).</summary>
    public string? Name { get; init; }

    /// <summary>Instances whose custom status (its JSON text) contains this text, ignoring the case of ASCII letters (an
    /// extension of this engine).</summary>
    public string? CustomStatusContains { get; init; }

    /// <summary>What the instances are ordered by (an extension of this engine); creation time by default.</summary>
    public InstanceOrderBy OrderBy { get; init; }

    /// <summary>Whether the order is ascending (an extension of this engine); newest first by default.</summary>
    public bool Ascending { get; init; }
}
