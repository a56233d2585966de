using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Workflows.Durable.Storage;

namespace Workflows.Durable.Client;

/// <summary>Registers <see cref="DurableTaskClient"/>.</summary>
public static class DurableTaskClientServiceCollectionExtensions
{
    /// <summary>Adds a client and returns its builder.</summary>
    public static IDurableTaskClientBuilder AddDurableTaskClient(this IServiceCollection services, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        string clientName = name ?? Options.DefaultName;
        services.AddOptions();
        services.TryAddSingleton<OrchestrationStoreCache>();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<DurableTaskClient>(sp => Create(sp, Options.DefaultName));
        if (clientName != Options.DefaultName)
        {
            services.AddKeyedSingleton<DurableTaskClient>(clientName, (sp, _) => Create(sp, clientName));
        }

        return new DurableTaskClientBuilder(clientName, services);
    }

    /// <summary>Adds a client and configures it.</summary>
    public static IServiceCollection AddDurableTaskClient(this IServiceCollection services, Action<IDurableTaskClientBuilder> configure) =>
        services.AddDurableTaskClient(Options.DefaultName, configure);

    /// <summary>Adds a named client and configures it.</summary>
    public static IServiceCollection AddDurableTaskClient(this IServiceCollection services, string name, Action<IDurableTaskClientBuilder> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        configure(services.AddDurableTaskClient(name));
        return services;
    }

    /// <summary>Configures the client's options.</summary>
    public static IDurableTaskClientBuilder Configure(this IDurableTaskClientBuilder builder, Action<DurableTaskClientOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.Configure(builder.Name, configure);
        return builder;
    }

    private static StoreDurableTaskClient Create(IServiceProvider services, string name)
    {
        DurableTaskClientOptions options = services.GetRequiredService<IOptionsMonitor<DurableTaskClientOptions>>().Get(name);
        Func<IServiceProvider, IOrchestrationStore> factory = options.StoreFactory
            ?? throw new InvalidOperationException("The durable task client has no store: call UseSqlite (or another Use* method) on its builder.");
        return new StoreDurableTaskClient(name, factory(services), options.DataConverter, services.GetRequiredService<TimeProvider>());
    }
}
