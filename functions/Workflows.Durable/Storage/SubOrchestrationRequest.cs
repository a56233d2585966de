namespace Workflows.Durable.Storage;

/// <summary>A sub-orchestration for the store to create; if a live instance already has its id, the parent is told it failed.</summary>
/// <param name="Instance">The instance to create.</param>
/// <param name="ParentTaskId">The id of the parent's SubOrchestrationInstanceCreated event.</param>
public sealed record SubOrchestrationRequest(NewOrchestrationInstance Instance, int ParentTaskId);
