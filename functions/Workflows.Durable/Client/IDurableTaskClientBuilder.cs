using Microsoft.Extensions.DependencyInjection;

namespace Workflows.Durable.Client;

/// <summary>Configures a <see cref="DurableTaskClient"/>.</summary>
public interface IDurableTaskClientBuilder
{
    /// <summary>The client's name.</summary>
    string Name { get; }

    /// <summary>The service collection.</summary>
    IServiceCollection Services { get; }
}
