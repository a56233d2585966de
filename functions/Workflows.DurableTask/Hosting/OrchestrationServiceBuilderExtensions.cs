using DurableTask.Core;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Worker;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Workflows.DurableTask.Client;
using Workflows.DurableTask.Worker;

namespace Workflows.DurableTask.Hosting;

/// <summary>Runs a worker and a client on a DurableTask.Core <see cref="IOrchestrationService"/> in this process. Storage
/// providers build on these: <c>UseAzureStorage</c>, <c>UseSqlite</c>.</summary>
public static class OrchestrationServiceBuilderExtensions
{
    /// <summary>Runs this worker in-process (<see cref="InProcessDurableTaskWorker"/>) on the orchestration service
    /// <paramref name="factory"/> makes. A worker and a client of the same builder name share one instance of it (a
    /// singleton, made once, whichever of them asks first); if both register a factory, the worker's is used.
    /// The task hub is created while the host starts, before the worker runs.</summary>
    /// <param name="builder">The worker's builder.</param>
    /// <param name="factory">Makes the service; it must also implement <see cref="IOrchestrationServiceClient"/> when a
    /// client uses it.</param>
    public static IDurableTaskWorkerBuilder UseOrchestrationService(this IDurableTaskWorkerBuilder builder, Func<IServiceProvider, IOrchestrationService> factory)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(factory);
        AddOrchestrationService(builder.Services, builder.Name).WorkerFactory = factory;
        builder.UseBuildTarget<InProcessDurableTaskWorker>();
        return builder;
    }

    /// <summary>Makes this client an <see cref="OrchestrationServiceDurableTaskClient"/> over the orchestration service
    /// <paramref name="factory"/> makes, shared with the worker of the same builder name (see the worker overload). A
    /// client-only host also creates the task hub while it starts.</summary>
    /// <param name="builder">The client's builder.</param>
    /// <param name="factory">Makes the service; it must implement <see cref="IOrchestrationServiceClient"/> (and
    /// <c>IOrchestrationServiceQueryClient</c> / <c>IOrchestrationServicePurgeClient</c> for queries and purges).</param>
    public static IDurableTaskClientBuilder UseOrchestrationService(this IDurableTaskClientBuilder builder, Func<IServiceProvider, IOrchestrationService> factory)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(factory);
        AddOrchestrationService(builder.Services, builder.Name).ClientFactory = factory;
        builder.UseBuildTarget<OrchestrationServiceDurableTaskClient>();
        return builder;
    }

    private static OrchestrationServiceRegistration AddOrchestrationService(IServiceCollection services, string name)
    {
        OrchestrationServiceRegistration? existing = services
            .Where(d => d.ServiceType == typeof(OrchestrationServiceRegistration) && !d.IsKeyedService)
            .Select(d => d.ImplementationInstance)
            .OfType<OrchestrationServiceRegistration>()
            .FirstOrDefault(r => r.Name == name);
        if (existing is not null)
        {
            return existing;
        }

        var registration = new OrchestrationServiceRegistration(name);
        services.AddSingleton(registration);
        services.AddKeyedSingleton(name, (sp, _) => new OrchestrationServiceHandle(
            name, registration, sp, sp.GetRequiredService<IOptionsMonitor<OrchestrationServiceStartupOptions>>()));
        services.AddOptions();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, TaskHubStartupService>());
        return registration;
    }
}
