using DurableTask.Core;

namespace Workflows.DurableTask.Hosting;

/// <summary>The orchestration service of one named worker/client pair, as registered by
/// <see cref="OrchestrationServiceBuilderExtensions"/>. The worker's factory wins over the client's, because the
/// worker's settings decide how the service dispatches work; between two of the same kind, the last one registered.</summary>
internal sealed class OrchestrationServiceRegistration(string name)
{
    public string Name { get; } = name;

    public Func<IServiceProvider, IOrchestrationService>? WorkerFactory { get; set; }

    public Func<IServiceProvider, IOrchestrationService>? ClientFactory { get; set; }

    public Func<IServiceProvider, IOrchestrationService> Factory => this.WorkerFactory ?? this.ClientFactory
        ?? throw new InvalidOperationException($"No orchestration service is registered for Durable Task '{this.Name}'.");
}
