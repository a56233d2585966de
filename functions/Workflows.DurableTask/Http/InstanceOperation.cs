using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask.Client;

namespace Workflows.DurableTask.Http;

/// <summary>An operation on one instance and the statuses it applies to, as Durable Functions allows them.</summary>
/// <param name="Name">The operation, as problem details name it.</param>
/// <param name="AllowedStates">The statuses it applies to, in words.</param>
/// <param name="Allows">Whether it applies to an instance of a status.</param>
internal sealed record InstanceOperation(string Name, string AllowedStates, Func<OrchestrationRuntimeStatus, bool> Allows)
{
    public static readonly InstanceOperation RaiseEvent = new("raising an event", "pending, running or suspended", IsLive);

    public static readonly InstanceOperation Terminate = new("terminate", "pending, running or suspended", IsLive);

    public static readonly InstanceOperation Suspend = new("suspend", "pending or running", s => s is OrchestrationRuntimeStatus.Running or OrchestrationRuntimeStatus.Pending);

    public static readonly InstanceOperation Resume = new("resume", "suspended", s => s == OrchestrationRuntimeStatus.Suspended);

    public static readonly InstanceOperation Rewind = new("rewind", "failed", s => s == OrchestrationRuntimeStatus.Failed);

    public static readonly InstanceOperation Restart = new("restart", "completed, failed or terminated", s => !IsLive(s));

    /// <summary>Null when the instance exists and its status allows the operation; else the 404 or 410 problem.</summary>
    public async Task<IResult?> CheckAsync(DurableTaskClient client, string instanceId, CancellationToken cancellation)
    {
        OrchestrationMetadata? metadata = await client.GetInstanceAsync(instanceId, getInputsAndOutputs: false, cancellation).ConfigureAwait(false);
        if (metadata is null)
        {
            return ManagementProblems.NotFound(instanceId);
        }

        return this.Allows(metadata.RuntimeStatus) ? null : this.Refused(instanceId, metadata.RuntimeStatus);
    }

    /// <summary>The 410 problem of an instance whose status does not allow the operation.</summary>
    public IResult Refused(string instanceId, OrchestrationRuntimeStatus status) =>
        ManagementProblems.Gone(instanceId, status, this.Name, this.AllowedStates);

    // Live as the SDK's OrchestrationMetadata.IsCompleted sees it: anything not completed, failed or terminated.
    private static bool IsLive(OrchestrationRuntimeStatus status) =>
        status is not (OrchestrationRuntimeStatus.Completed or OrchestrationRuntimeStatus.Failed or OrchestrationRuntimeStatus.Terminated);
}
