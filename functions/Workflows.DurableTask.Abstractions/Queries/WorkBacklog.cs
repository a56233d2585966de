namespace Workflows.DurableTask.Queries;

/// <summary>The work that is due and not yet done.</summary>
/// <param name="OrchestrationMessages">Orchestration messages visible now and not yet consumed (events, results, due
/// timers, starts), whether or not a worker holds their instance.</param>
/// <param name="ActivityTasks">Activity tasks visible now and not yet completed: waiting for a worker, queued in one or
/// running (a queue's length, as Azure Storage counts it).</param>
public sealed record WorkBacklog(long OrchestrationMessages, long ActivityTasks);
