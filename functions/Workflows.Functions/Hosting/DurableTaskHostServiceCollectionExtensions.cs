using Microsoft.Extensions.Options;
using Workflows.Durable;
using Workflows.Durable.Client;
using Workflows.Durable.Worker;

namespace Workflows.Functions.Hosting;

/// <summary>Registers the durable task engine as host.json configures it.</summary>
public static class DurableTaskHostServiceCollectionExtensions
{
    /// <summary>Binds and validates host.json's <c>extensions.durableTask</c>, maps it onto the worker's options, and adds
    /// the worker (with <paramref name="tasks"/>) and the client on the SQLite store the configuration names.</summary>
    public static IServiceCollection AddDurableTaskHost(this IServiceCollection services, IConfiguration configuration, Action<DurableTaskRegistry> tasks)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(tasks);

        services.AddOptions<DurableTaskHostOptions>()
            .BindConfiguration(DurableTaskHostOptions.SectionName)
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<DurableTaskHostOptions>, DurableTaskHostOptionsValidator>();

        // Registered before the worker so that code calling Configure on the worker's builder has the last word.
        services.AddOptions<DurableTaskWorkerOptions>(Options.DefaultName)
            .Configure<IOptions<DurableTaskHostOptions>>((worker, host) => Apply(host.Value, worker));

        // The store has to be known while services are registered; configuration is complete by then.
        string connectionString = SqliteStoreConnection.Resolve(configuration, FunctionsHostOptions.ResolveDataDirectory(configuration));
        services.AddDurableTaskWorker(b => b.AddTasks(tasks).UseSqlite(connectionString));
        services.AddDurableTaskClient(b => b.UseSqlite(connectionString));
        return services;
    }

    private static void Apply(DurableTaskHostOptions host, DurableTaskWorkerOptions worker)
    {
        if (host.MaxConcurrentOrchestratorFunctions is { } orchestrations)
        {
            worker.Concurrency.MaximumConcurrentOrchestrationWorkItems = orchestrations;
        }

        if (host.MaxConcurrentActivityFunctions is { } activities)
        {
            worker.Concurrency.MaximumConcurrentActivityWorkItems = activities;
        }

        if (host.ExtendedSessionsEnabled is { } sessions)
        {
            worker.ExtendedSessionsEnabled = sessions;
        }

        if (host.ExtendedSessionIdleTimeoutInSeconds is { } idleSeconds)
        {
            worker.ExtendedSessionIdleTimeout = TimeSpan.FromSeconds(idleSeconds);
        }
    }
}
