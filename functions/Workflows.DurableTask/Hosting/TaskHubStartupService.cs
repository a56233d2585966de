using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Workflows.DurableTask.Hosting;

/// <summary>Creates every registered task hub while the host is starting, before any hosted service (the worker among
/// them) starts, so neither the worker nor a client-only host ever writes to a hub that does not exist yet, and a store
/// that is misconfigured or unreachable stops the start.</summary>
internal sealed class TaskHubStartupService(IEnumerable<OrchestrationServiceRegistration> registrations, IServiceProvider services) : IHostedLifecycleService
{
    public async Task StartingAsync(CancellationToken cancellationToken)
    {
        foreach (OrchestrationServiceRegistration registration in registrations)
        {
            await services.GetRequiredKeyedService<OrchestrationServiceHandle>(registration.Name).GetReadyAsync(cancellationToken);
        }
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
