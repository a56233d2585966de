using Microsoft.Extensions.DependencyInjection;

namespace Workflows.Durable.Worker;

/// <summary>The default <see cref="IDurableTaskWorkerBuilder"/>.</summary>
internal sealed class DurableTaskWorkerBuilder : IDurableTaskWorkerBuilder
{
    public DurableTaskWorkerBuilder(string name, IServiceCollection services)
    {
        this.Name = name;
        this.Services = services;
    }

    public string Name { get; }

    public IServiceCollection Services { get; }
}
