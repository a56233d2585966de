namespace Workflows.Durable.Storage;

/// <summary>An activity call claimed by a worker.</summary>
public sealed class ActivityWorkItem
{
    /// <summary>The store's id of the task.</summary>
    public required long SequenceNumber { get; init; }

    /// <summary>The orchestration instance that scheduled it.</summary>
    public required string InstanceId { get; init; }

    /// <summary>The execution that scheduled it; a result for another execution is dropped.</summary>
    public required string ExecutionId { get; init; }

    /// <summary>The id of the TaskScheduled event.</summary>
    public required int TaskId { get; init; }

    /// <summary>The activity name.</summary>
    public required string Name { get; init; }

    /// <summary>The activity version.</summary>
    public string? Version { get; init; }

    /// <summary>The serialized input.</summary>
    public string? Input { get; init; }

    /// <summary>How many times the task has been claimed, this time included.</summary>
    public int DequeueCount { get; init; }

    /// <summary>The lock this claim holds.</summary>
    public required WorkLock Lock { get; set; }
}
