using Microsoft.Extensions.DependencyInjection;

namespace Workflows.Durable.Worker;

/// <summary>Configures a durable task worker.</summary>
public interface IDurableTaskWorkerBuilder
{
    /// <summary>The worker's name.</summary>
    string Name { get; }

    /// <summary>The service collection.</summary>
    IServiceCollection Services { get; }
}
