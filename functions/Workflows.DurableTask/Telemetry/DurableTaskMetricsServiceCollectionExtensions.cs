using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace Workflows.DurableTask.Telemetry;

/// <summary>Registers <see cref="DurableTaskMetrics"/> and its sampler.</summary>
public static class DurableTaskMetricsServiceCollectionExtensions
{
    /// <summary>Adds the store gauges of <see cref="DurableTaskMetrics"/> (meter <see cref="DurableTaskMetrics.MeterName"/>),
    /// sampled in the background from the host's query port.</summary>
    public static IServiceCollection AddDurableTaskMetrics(this IServiceCollection services, Action<DurableTaskMetricsOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddMetrics();
        services.AddOptions<DurableTaskMetricsOptions>().Configure(o => configure?.Invoke(o)).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<DurableTaskMetrics>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, DurableTaskMetricsSampler>());
        return services;
    }
}
