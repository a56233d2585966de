using Microsoft.DurableTask.Client;

namespace Workflows.DurableTask.Queries;

/// <summary>Instance queries beyond the SDK's <see cref="OrchestrationQuery"/>: sort orders, counts by status,
/// custom-status text and the store's backlog. A provider implements what its storage allows and says what it cannot do
/// through <see cref="Capabilities"/>; callers check it before asking, and a request for something not supported
/// throws <see cref="NotSupportedException"/>.</summary>
public interface IInstanceQueryPort
{
    /// <summary>What this provider can do.</summary>
    InstanceQueryCapabilities Capabilities { get; }

    /// <summary>One page of instances matching <paramref name="query"/>, in its order, with a keyset continuation token
    /// bound to that order (a token used with another order is refused with <see cref="ArgumentException"/>).</summary>
    Task<InstanceQueryPage> QueryInstancesAsync(InstanceQuery query, CancellationToken cancellation = default);

    /// <summary>How many instances match <paramref name="query"/> (its statuses, paging and order ignored), by status.</summary>
    Task<IReadOnlyDictionary<OrchestrationRuntimeStatus, long>> CountInstancesAsync(InstanceQuery query, CancellationToken cancellation = default);

    /// <summary>The work due in the store and not yet taken by a worker.</summary>
    Task<WorkBacklog> GetBacklogAsync(CancellationToken cancellation = default);
}
