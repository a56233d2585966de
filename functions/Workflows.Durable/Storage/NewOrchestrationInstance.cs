namespace Workflows.Durable.Storage;

/// <summary>An orchestration instance for the store to create, with its ExecutionStarted message.</summary>
public sealed class NewOrchestrationInstance
{
    /// <summary>The instance id.</summary>
    public required string InstanceId { get; init; }

    /// <summary>The orchestrator name.</summary>
    public required string Name { get; init; }

    /// <summary>The orchestrator version.</summary>
    public string? Version { get; init; }

    /// <summary>The serialized input.</summary>
    public string? Input { get; init; }

    /// <summary>The ExecutionStarted event to deliver; its ExecutionId is the new execution's id.</summary>
    public required HistoryEvent ExecutionStarted { get; init; }

    /// <summary>When the instance starts; now when null.</summary>
    public DateTimeOffset? StartAt { get; init; }

    /// <summary>Tags.</summary>
    public IReadOnlyDictionary<string, string>? Tags { get; init; }
}
