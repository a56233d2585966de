namespace Workflows.DurableTask.Queries;

/// <summary>The work that is due and not yet done.</summary>
/// <param name="OrchestrationMessages">Orchestration messages visible now (events, results, due timers, starts).</param>
/// <param name="ActivityTasks">Activity tasks visible now that no live worker holds.</param>
public sealed record WorkBacklog(long OrchestrationMessages, long ActivityTasks);
