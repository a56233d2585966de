using Workflows.Durable.Client;

namespace Workflows.Durable.Storage;

/// <summary>The stored state of an orchestration instance.</summary>
public sealed class InstanceRecord
{
    /// <summary>The instance id.</summary>
    public required string InstanceId { get; init; }

    /// <summary>The current execution's id.</summary>
    public required string ExecutionId { get; init; }

    /// <summary>The orchestrator name.</summary>
    public required string Name { get; init; }

    /// <summary>The orchestrator version.</summary>
    public string? Version { get; init; }

    /// <summary>The status.</summary>
    public required OrchestrationRuntimeStatus RuntimeStatus { get; init; }

    /// <summary>When the instance was created.</summary>
    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>When the instance last changed.</summary>
    public DateTimeOffset LastUpdatedAt { get; init; }

    /// <summary>When the instance finished, if it did.</summary>
    public DateTimeOffset? CompletedAt { get; init; }

    /// <summary>The serialized input, when asked for.</summary>
    public string? Input { get; init; }

    /// <summary>The serialized output, when asked for.</summary>
    public string? Output { get; init; }

    /// <summary>The serialized custom status, when asked for.</summary>
    public string? CustomStatus { get; init; }

    /// <summary>The failure of a failed instance.</summary>
    public TaskFailureDetails? FailureDetails { get; init; }

    /// <summary>The parent's instance id, for sub-orchestrations.</summary>
    public string? ParentInstanceId { get; init; }

    /// <summary>Tags.</summary>
    public IReadOnlyDictionary<string, string>? Tags { get; init; }
}
