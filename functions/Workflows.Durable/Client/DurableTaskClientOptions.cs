using Workflows.Durable.Storage;

namespace Workflows.Durable.Client;

/// <summary>Settings of a <see cref="DurableTaskClient"/>.</summary>
public sealed class DurableTaskClientOptions
{
    /// <summary>The converter for inputs, outputs and event payloads.</summary>
    public DataConverter DataConverter { get; set; } = Converters.JsonDataConverter.Default;

    /// <summary>Makes the store the client uses; set by a Use* method such as UseSqlite.</summary>
    public Func<IServiceProvider, IOrchestrationStore>? StoreFactory { get; set; }
}
