using Workflows.Durable.Client;

namespace Workflows.Durable.Replay;

/// <summary>What one episode of an orchestration produced: history to append, new work and the resulting state.</summary>
internal sealed class EpisodeResult
{
    /// <summary>Every event to append to history, in order.</summary>
    public List<HistoryEvent> NewHistory { get; } = new();

    /// <summary>The scheduling events among <see cref="NewHistory"/>: activities, timers, sub-orchestrations, sent events.</summary>
    public List<HistoryEvent> NewActions { get; } = new();

    public OrchestrationRuntimeStatus RuntimeStatus { get; set; } = OrchestrationRuntimeStatus.Running;

    /// <summary>The final event when the execution ended (completed, failed, terminated or continued as new).</summary>
    public HistoryEvent? Completion { get; set; }

    public string? CustomStatus { get; set; }

    public bool CustomStatusChanged { get; set; }

    public ContinueAsNewRequest? ContinueAsNew { get; set; }

    /// <summary>Events to carry into the new execution of a ContinueAsNew.</summary>
    public List<HistoryEvent> CarriedEvents { get; } = new();

    /// <summary>For a recursive terminate, the children still running.</summary>
    public List<string> ChildrenToTerminate { get; } = new();

    public bool IsFinished => this.Completion is not null;
}
