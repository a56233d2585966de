using DurableTask.Core;

namespace Workflows.DurableTask.Worker;

/// <summary>Hands DurableTask.Core the task objects for a name from the SDK registry; adding creators the
/// framework's way is not supported because the registry is the one source of tasks.</summary>
internal sealed class RegistryObjectManager<T>(Func<string, T> create) : INameVersionObjectManager<T>
{
    public void Add(ObjectCreator<T> creator) =>
        throw new NotSupportedException("Tasks are registered through the DurableTaskRegistry (AddTasks), not on the TaskHubWorker.");

    public T GetObject(string name, string? version) => create(name);
}
