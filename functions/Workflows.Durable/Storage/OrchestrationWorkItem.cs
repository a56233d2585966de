using Workflows.Durable.Client;

namespace Workflows.Durable.Storage;

/// <summary>An orchestration instance claimed by a worker, with the inbox messages it is to process.</summary>
public sealed class OrchestrationWorkItem
{
    /// <summary>The instance id.</summary>
    public required string InstanceId { get; init; }

    /// <summary>The current execution's id.</summary>
    public required string ExecutionId { get; init; }

    /// <summary>The orchestrator name.</summary>
    public required string Name { get; init; }

    /// <summary>The status before this episode.</summary>
    public required OrchestrationRuntimeStatus RuntimeStatus { get; init; }

    /// <summary>The number of history events stored for the current execution.</summary>
    public required int HistoryLength { get; init; }

    /// <summary>The <see cref="OrchestrationCheckpoint.EpisodeId"/> of the last committed episode, if any.</summary>
    public string? LastEpisodeId { get; init; }

    /// <summary>The messages to process, oldest first.</summary>
    public required IReadOnlyList<InboxMessage> Messages { get; init; }

    /// <summary>The lock this claim holds; a checkpoint is accepted only while it is still held.</summary>
    public required WorkLock Lock { get; init; }
}
