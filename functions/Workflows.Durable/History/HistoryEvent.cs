using System.Text.Json.Serialization;
using Workflows.Durable.Client;

namespace Workflows.Durable;

/// <summary>One event of an orchestration's history, or a message to an orchestration's inbox.</summary>
/// <remarks>One shape for every kind, with the fields a kind does not use left null, so that history is
/// stored and read as plain rows. Field meanings follow the Durable Task Framework.</remarks>
public sealed class HistoryEvent
{
    /// <summary>The kind of event.</summary>
    public HistoryEventType EventType { get; init; }

    /// <summary>For events the orchestrator scheduled, its sequence id; -1 otherwise.</summary>
    public int EventId { get; init; } = -1;

    /// <summary>When the event was recorded, in orchestration time (UTC).</summary>
    public DateTime Timestamp { get; init; }

    /// <summary>The orchestrator, activity or event name.</summary>
    public string? Name { get; init; }

    /// <summary>The version of the orchestrator or activity.</summary>
    public string? Version { get; init; }

    /// <summary>The serialized input or event payload, or the reason of a terminate, suspend or resume.</summary>
    public string? Input { get; init; }

    /// <summary>The serialized result of a task, sub-orchestration or execution.</summary>
    public string? Result { get; init; }

    /// <summary>For completions and fired timers, the <see cref="EventId"/> of the scheduling event.</summary>
    public int TaskScheduledId { get; init; } = -1;

    /// <summary>For timers, when they fire (UTC).</summary>
    public DateTime? FireAt { get; init; }

    /// <summary>For failures, what failed.</summary>
    public TaskFailureDetails? FailureDetails { get; init; }

    /// <summary>For sub-orchestrations and sent events, the other instance's id.</summary>
    public string? InstanceId { get; init; }

    /// <summary>For <see cref="HistoryEventType.ExecutionStarted"/>, the execution's id.</summary>
    public string? ExecutionId { get; init; }

    /// <summary>For <see cref="HistoryEventType.ExecutionCompleted"/>, the final status.</summary>
    public OrchestrationRuntimeStatus? OrchestrationStatus { get; init; }

    /// <summary>For <see cref="HistoryEventType.ExecutionStarted"/> of a sub-orchestration, its parent.</summary>
    public ParentInstanceInfo? ParentInstance { get; init; }

    /// <summary>For <see cref="HistoryEventType.ExecutionStarted"/>, when the start was scheduled for.</summary>
    public DateTimeOffset? ScheduledStartTime { get; init; }

    /// <summary>For <see cref="HistoryEventType.ExecutionTerminated"/>, whether children are terminated too.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public bool Recursive { get; init; }

    /// <summary>Tags.</summary>
    public IReadOnlyDictionary<string, string>? Tags { get; init; }

    /// <inheritdoc/>
    public override string ToString() => this.EventId >= 0
        ? $"{this.EventType} #{this.EventId} {this.Name}"
        : this.TaskScheduledId >= 0 ? $"{this.EventType} (of #{this.TaskScheduledId})" : $"{this.EventType} {this.Name}";
}
