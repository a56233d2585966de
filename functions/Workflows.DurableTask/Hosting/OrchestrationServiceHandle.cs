using DurableTask.Core;
using Microsoft.Extensions.Options;

namespace Workflows.DurableTask.Hosting;

/// <summary>The one orchestration service a named worker and client share: made once from the registered factory,
/// its task hub created (<see cref="IOrchestrationService.CreateIfNotExistsAsync()"/>) once, before the worker starts.</summary>
public sealed class OrchestrationServiceHandle : IDisposable
{
    private readonly Lazy<IOrchestrationService> service;
    private readonly Lazy<Task<IOrchestrationService>> ready;
    private readonly string name;
    private readonly string? configurationKey;

    internal OrchestrationServiceHandle(string name, OrchestrationServiceRegistration registration, IServiceProvider services, IOptionsMonitor<OrchestrationServiceStartupOptions> startup)
    {
        this.name = name;
        this.configurationKey = startup.Get(name).ConfigurationKey;
        this.service = new Lazy<IOrchestrationService>(() => this.Create(registration, services));
        this.ready = new Lazy<Task<IOrchestrationService>>(this.CreateTaskHubAsync);
    }

    /// <summary>The service (made on first use; not yet known to have its task hub).</summary>
    public IOrchestrationService Service => this.service.Value;

    /// <summary>The service once its task hub exists; every caller shares one creation.</summary>
    public Task<IOrchestrationService> GetReadyAsync(CancellationToken cancellation) => this.ready.Value.WaitAsync(cancellation);

    /// <summary>Disposes the service when it was made and is disposable.</summary>
    public void Dispose()
    {
        if (this.service.IsValueCreated && this.service.Value is IDisposable disposable)
        {
            disposable.Dispose();
        }
    }

    private IOrchestrationService Create(OrchestrationServiceRegistration registration, IServiceProvider services)
    {
        try
        {
            return registration.Factory(services)
                ?? throw new InvalidOperationException($"The orchestration service factory for Durable Task '{this.DisplayName}' returned null.");
        }
        catch (StoreConfigurationException)
        {
            throw;
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            throw new StoreConfigurationException(this.Describe("could not be set up", exception), exception);
        }
    }

    private async Task<IOrchestrationService> CreateTaskHubAsync()
    {
        IOrchestrationService created = this.Service;
        try
        {
            await created.CreateIfNotExistsAsync();
            return created;
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            throw new StoreConfigurationException(this.Describe("could not create or open its task hub", exception), exception);
        }
    }

    private string DisplayName => this.name.Length == 0 ? "(default)" : this.name;

    private string Describe(string failure, Exception exception)
    {
        string source = this.configurationKey is null ? string.Empty : $" configured by '{this.configurationKey}'";
        return $"The Durable Task store{source} {failure} ({StoreConfigurationException.Summarize(exception)}). Check that setting and that the store is reachable.";
    }
}
