namespace Workflows.Durable;

/// <summary>Options for starting an orchestration from a client.</summary>
/// <param name="InstanceId">The instance id; a random one is made when it is null.</param>
/// <param name="StartAt">When the orchestration starts; now when it is null.</param>
public record StartOrchestrationOptions(string? InstanceId = null, DateTimeOffset? StartAt = null)
{
    /// <summary>Tags stored with the instance.</summary>
    public IReadOnlyDictionary<string, string> Tags { get; init; } = new Dictionary<string, string>();

    /// <summary>The orchestration's version.</summary>
    public TaskVersion? Version { get; init; }

    /// <summary>The statuses of an existing instance with the same id that make the start fail;
    /// Pending, Running and Suspended when null.</summary>
    public IReadOnlyList<string>? DedupeStatuses { get; init; }
}
