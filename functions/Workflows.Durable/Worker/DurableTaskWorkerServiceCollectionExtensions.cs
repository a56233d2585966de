using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Workflows.Durable.Storage;

namespace Workflows.Durable.Worker;

/// <summary>Registers durable task workers.</summary>
public static class DurableTaskWorkerServiceCollectionExtensions
{
    /// <summary>Adds a worker and returns its builder.</summary>
    public static IDurableTaskWorkerBuilder AddDurableTaskWorker(this IServiceCollection services, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        string workerName = name ?? Options.DefaultName;
        services.AddOptions();
        services.TryAddSingleton<OrchestrationStoreCache>();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<IHostedService>(sp => new DurableTaskWorker(
            workerName,
            sp.GetRequiredService<IOptionsMonitor<DurableTaskRegistry>>().Get(workerName),
            sp.GetRequiredService<IOptionsMonitor<DurableTaskWorkerOptions>>().Get(workerName),
            sp,
            sp.GetRequiredService<TimeProvider>(),
            sp.GetService<ILoggerFactory>() ?? Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory.Instance));
        return new DurableTaskWorkerBuilder(workerName, services);
    }

    /// <summary>Adds a worker and configures it.</summary>
    public static IServiceCollection AddDurableTaskWorker(this IServiceCollection services, Action<IDurableTaskWorkerBuilder> configure) =>
        services.AddDurableTaskWorker(Options.DefaultName, configure);

    /// <summary>Adds a named worker and configures it.</summary>
    public static IServiceCollection AddDurableTaskWorker(this IServiceCollection services, string name, Action<IDurableTaskWorkerBuilder> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        configure(services.AddDurableTaskWorker(name));
        return services;
    }

    /// <summary>Registers orchestrators and activities.</summary>
    public static IDurableTaskWorkerBuilder AddTasks(this IDurableTaskWorkerBuilder builder, Action<DurableTaskRegistry> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.Configure(builder.Name, configure);
        return builder;
    }

    /// <summary>Configures the worker's options.</summary>
    public static IDurableTaskWorkerBuilder Configure(this IDurableTaskWorkerBuilder builder, Action<DurableTaskWorkerOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.Configure(builder.Name, configure);
        return builder;
    }
}
