using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Worker;
using Microsoft.Extensions.Options;
using Workflows.Functions.Instances;

namespace Workflows.Functions.Hosting;

/// <summary>Registers the Durable Task worker and client as host.json configures them.</summary>
public static class DurableTaskHostServiceCollectionExtensions
{
    /// <summary>Binds and validates host.json's <c>extensions.durableTask</c>, and adds the worker (with
    /// <paramref name="tasks"/>), the client and the app's <see cref="InstanceReader"/>.</summary>
    public static IServiceCollection AddDurableTaskHost(this IServiceCollection services, IConfiguration configuration, Action<DurableTaskRegistry> tasks)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(tasks);

        services.AddOptions<DurableTaskHostOptions>()
            .BindConfiguration(DurableTaskHostOptions.SectionName)
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<DurableTaskHostOptions>, DurableTaskHostOptionsValidator>();
        services.AddDurableTaskWorker(b => b.AddTasks(tasks));
        services.AddDurableTaskClient(_ => { });
        services.AddSingleton<InstanceReader>();
        return services;
    }
}
