namespace Workflows.Durable;

/// <summary>Where a sub-orchestration reports its outcome.</summary>
/// <param name="Name">The parent's orchestrator name.</param>
/// <param name="InstanceId">The parent's instance id.</param>
/// <param name="ExecutionId">The parent's execution id, so that a result never reaches a later execution.</param>
/// <param name="TaskScheduledId">The id of the parent's SubOrchestrationInstanceCreated event.</param>
public sealed record ParentInstanceInfo(string Name, string InstanceId, string ExecutionId, int TaskScheduledId);
