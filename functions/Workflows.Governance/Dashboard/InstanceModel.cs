using DurableTask.Core.History;
using Microsoft.DurableTask.Client;

namespace Workflows.Governance.Dashboard;

/// <summary>What the instance page shows.</summary>
/// <param name="Metadata">The instance, with its input, output and custom status.</param>
/// <param name="History">Its current execution's history.</param>
/// <param name="Error">What was wrong with the last action, if anything.</param>
/// <param name="Raise">The raise-event form's values.</param>
/// <param name="Now">The time open bars of the timeline run to (UTC).</param>
public sealed record InstanceModel(OrchestrationMetadata Metadata, IList<HistoryEvent> History, string? Error, RaiseForm Raise, DateTime Now)
{
    /// <summary>Whether every history event is listed, not only the latest.</summary>
    public bool AllHistory { get; init; }
}
