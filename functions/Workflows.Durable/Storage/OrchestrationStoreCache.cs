using System.Collections.Concurrent;

namespace Workflows.Durable.Storage;

/// <summary>Shares one store instance per connection between the worker and clients of a process, so that work
/// written in-process wakes the worker at once and client waits see changes without polling.</summary>
public sealed class OrchestrationStoreCache : IDisposable
{
    private readonly ConcurrentDictionary<string, Lazy<IOrchestrationStore>> stores = new(StringComparer.Ordinal);

    /// <summary>Returns the store for a key, creating it once.</summary>
    public IOrchestrationStore GetOrAdd(string key, Func<IOrchestrationStore> factory) =>
        this.stores.GetOrAdd(key, _ => new Lazy<IOrchestrationStore>(factory)).Value;

    /// <inheritdoc/>
    public void Dispose()
    {
        foreach (Lazy<IOrchestrationStore> store in this.stores.Values)
        {
            if (store.IsValueCreated && store.Value is IDisposable disposable)
            {
                disposable.Dispose();
            }
        }
    }
}
