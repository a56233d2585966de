using Microsoft.DurableTask;

namespace Workflows.Functions.Proposals;

/// <summary>The idempotency keys of the emails an orchestration sends.</summary>
/// <remarks>A key is made by the orchestrator and travels in the activity's input, so it is recorded in history with the
/// call: every redelivery and retry of that call carries the same key, and every other call a new one, on any provider.
/// <see cref="TaskOrchestrationContext.NewGuid"/> is deterministic, so a replay makes the same key again.</remarks>
internal static class EmailKeys
{
    /// <summary>A new key for one email of <paramref name="context"/>'s instance: instance id, what it is, a unique part.</summary>
    public static string New(TaskOrchestrationContext context, string what) => $"{context.InstanceId}:{what}:{context.NewGuid():N}";
}
