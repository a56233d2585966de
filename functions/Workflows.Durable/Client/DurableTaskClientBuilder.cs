using Microsoft.Extensions.DependencyInjection;

namespace Workflows.Durable.Client;

/// <summary>The default <see cref="IDurableTaskClientBuilder"/>.</summary>
internal sealed class DurableTaskClientBuilder : IDurableTaskClientBuilder
{
    public DurableTaskClientBuilder(string name, IServiceCollection services)
    {
        this.Name = name;
        this.Services = services;
    }

    public string Name { get; }

    public IServiceCollection Services { get; }
}
