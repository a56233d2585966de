using Microsoft.DurableTask.Client;
using CoreStatus = DurableTask.Core.OrchestrationStatus;

namespace Workflows.DurableTask.Client;

/// <summary>DurableTask.Core's <see cref="CoreStatus"/> and the SDK's <see cref="OrchestrationRuntimeStatus"/> share
/// names and values today; mapped by name so that a reordering in either cannot silently change a status.</summary>
public static class RuntimeStatusConversion
{
    /// <summary>The terminal statuses: an instance in one of them no longer runs and may be purged or replaced.</summary>
    public static IReadOnlyList<OrchestrationRuntimeStatus> Terminal { get; } =
        [OrchestrationRuntimeStatus.Completed, OrchestrationRuntimeStatus.Failed, OrchestrationRuntimeStatus.Terminated];

    /// <summary>The statuses of an instance that still runs (or will): its id cannot be reused while it is in one.</summary>
    public static IReadOnlyList<OrchestrationRuntimeStatus> Live { get; } =
        [OrchestrationRuntimeStatus.Pending, OrchestrationRuntimeStatus.Running, OrchestrationRuntimeStatus.Suspended];

    /// <summary>The SDK's status for a DurableTask.Core status.</summary>
    public static OrchestrationRuntimeStatus ToRuntimeStatus(this CoreStatus status) => status switch
    {
        CoreStatus.Running => OrchestrationRuntimeStatus.Running,
        CoreStatus.Completed => OrchestrationRuntimeStatus.Completed,
#pragma warning disable CS0618 // Obsolete in the SDK, still a value DurableTask.Core can hold.
        CoreStatus.ContinuedAsNew => OrchestrationRuntimeStatus.ContinuedAsNew,
        CoreStatus.Canceled => OrchestrationRuntimeStatus.Canceled,
#pragma warning restore CS0618
        CoreStatus.Failed => OrchestrationRuntimeStatus.Failed,
        CoreStatus.Terminated => OrchestrationRuntimeStatus.Terminated,
        CoreStatus.Pending => OrchestrationRuntimeStatus.Pending,
        CoreStatus.Suspended => OrchestrationRuntimeStatus.Suspended,
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "Unknown DurableTask.Core orchestration status."),
    };

    /// <summary>The DurableTask.Core status for an SDK status.</summary>
    public static CoreStatus ToCoreStatus(this OrchestrationRuntimeStatus status) => status switch
    {
        OrchestrationRuntimeStatus.Running => CoreStatus.Running,
        OrchestrationRuntimeStatus.Completed => CoreStatus.Completed,
#pragma warning disable CS0618 // Obsolete in the SDK, still a value DurableTask.Core can hold.
        OrchestrationRuntimeStatus.ContinuedAsNew => CoreStatus.ContinuedAsNew,
        OrchestrationRuntimeStatus.Canceled => CoreStatus.Canceled,
#pragma warning restore CS0618
        OrchestrationRuntimeStatus.Failed => CoreStatus.Failed,
        OrchestrationRuntimeStatus.Terminated => CoreStatus.Terminated,
        OrchestrationRuntimeStatus.Pending => CoreStatus.Pending,
        OrchestrationRuntimeStatus.Suspended => CoreStatus.Suspended,
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "Unknown orchestration runtime status."),
    };
}
