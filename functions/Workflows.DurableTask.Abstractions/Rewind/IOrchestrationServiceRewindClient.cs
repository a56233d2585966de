namespace Workflows.DurableTask.Rewind;

/// <summary>A provider that can rewind a failed orchestration: its failed activities and sub-orchestrations run again
/// and it carries on from there. DurableTask.Core has no interface for this; providers that can implement this one, and
/// the Durable Task client's <c>RewindInstanceAsync</c> uses it.</summary>
public interface IOrchestrationServiceRewindClient
{
    /// <summary>Rewinds the failed instance <paramref name="instanceId"/>, recording <paramref name="reason"/>.</summary>
    Task RewindTaskOrchestrationAsync(string instanceId, string reason, CancellationToken cancellation = default);
}
