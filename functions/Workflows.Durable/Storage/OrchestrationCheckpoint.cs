using Workflows.Durable.Client;

namespace Workflows.Durable.Storage;

/// <summary>Everything one episode changes, committed by the store in one transaction.</summary>
public sealed record OrchestrationCheckpoint
{
    /// <summary>A value unique to this episode, stored with the instance and returned by the next claim, so that a
    /// worker can tell whether the orchestrator it kept in memory is exactly the committed state.</summary>
    public string? EpisodeId { get; init; }

    /// <summary>The inbox messages the episode consumed.</summary>
    public required IReadOnlyList<long> ConsumedMessages { get; init; }

    /// <summary>The events to append to history.</summary>
    public required IReadOnlyList<HistoryEvent> NewHistory { get; init; }

    /// <summary>The status after the episode.</summary>
    public required OrchestrationRuntimeStatus RuntimeStatus { get; init; }

    /// <summary>The serialized custom status after the episode.</summary>
    public string? CustomStatus { get; init; }

    /// <summary>The serialized output, when the execution ended.</summary>
    public string? Output { get; init; }

    /// <summary>The failure, when the execution failed.</summary>
    public TaskFailureDetails? FailureDetails { get; init; }

    /// <summary>How many of <see cref="NewActivities"/>, from the first, the committing worker claims for itself in the
    /// same transaction, so that it runs them at once without a claim round trip.</summary>
    public int ClaimActivities { get; init; }

    /// <summary>Activities to queue.</summary>
    public IReadOnlyList<ActivityRequest> NewActivities { get; init; } = [];

    /// <summary>Messages to put in inboxes: timers, events sent, results to a parent, terminate requests.</summary>
    public IReadOnlyList<OutgoingMessage> NewMessages { get; init; } = [];

    /// <summary>Sub-orchestrations to create.</summary>
    public IReadOnlyList<SubOrchestrationRequest> NewSubOrchestrations { get; init; } = [];

    /// <summary>When set, the execution continues as new: history is replaced and this execution begins.</summary>
    public NewExecution? ContinueAsNew { get; init; }
}
