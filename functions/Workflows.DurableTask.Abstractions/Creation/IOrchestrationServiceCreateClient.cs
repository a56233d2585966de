using DurableTask.Core;

namespace Workflows.DurableTask.Creation;

/// <summary>A provider whose create checks the instance id in the same transaction as it writes: an id held in a refused
/// status is refused, any other instance of that id is replaced. A client then needs no read of the instance before it
/// creates one (DurableTask.Core's <see cref="IOrchestrationServiceClient"/> promises neither).</summary>
public interface IOrchestrationServiceCreateClient
{
    /// <summary>Creates the instance that <paramref name="creationMessage"/> starts, unless its id is held by an instance
    /// whose status is in <paramref name="dedupeStatuses"/>; an instance of the id in any other status is replaced.</summary>
    /// <exception cref="global::DurableTask.Core.Exceptions.OrchestrationAlreadyExistsException">The id is held by an
    /// instance in one of <paramref name="dedupeStatuses"/>; nothing was written.</exception>
    Task CreateTaskOrchestrationAsync(TaskMessage creationMessage, OrchestrationStatus[] dedupeStatuses);
}
