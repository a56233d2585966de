using DurableTask.Core;

namespace Workflows.DurableTask.Tests.Sqlite.CoreTasks;

/// <summary>DurableTask.Core's registry of orchestrations or activities by name and version (its own
/// NameVersionObjectManager is internal).</summary>
public sealed class TaskObjectManager<T> : INameVersionObjectManager<T>
{
    private readonly Dictionary<(string, string), ObjectCreator<T>> creators = [];

    public void Add(ObjectCreator<T> creator)
    {
        ArgumentNullException.ThrowIfNull(creator);
        this.creators.Add((creator.Name, creator.Version), creator);
    }

    public T? GetObject(string name, string? version) =>
        this.creators.TryGetValue((name, version ?? string.Empty), out ObjectCreator<T>? creator) ? creator.Create() : default;
}
