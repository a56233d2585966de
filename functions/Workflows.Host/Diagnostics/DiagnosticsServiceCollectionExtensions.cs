using Microsoft.DurableTask;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Workflows.Host.Diagnostics.Synthetic;

namespace Workflows.Host.Diagnostics;

/// <summary>Adds what <see cref="DiagnosticsOptions"/> turns on.</summary>
public static class DiagnosticsServiceCollectionExtensions
{
    /// <summary>The orchestrators and activities of <paramref name="tasks"/>, and the synthetic ones when
    /// <paramref name="options"/> asks for them.</summary>
    public static Action<DurableTaskRegistry> WithSyntheticWorkflows(Action<DurableTaskRegistry> tasks, DiagnosticsOptions options)
    {
        ArgumentNullException.ThrowIfNull(tasks);
        ArgumentNullException.ThrowIfNull(options);
        return options.SyntheticWorkflows
            ? registry =>
            {
                tasks(registry);
                SyntheticWorkflows.Register(registry);
            }
            : tasks;
    }

    /// <summary>Adds the watch of <see cref="DiagnosticsOptions.ExitWithProcessId"/> when it is set.</summary>
    public static IServiceCollection AddHostDiagnostics(this IServiceCollection services, DiagnosticsOptions options)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(options);
        services.AddSingleton(options);
        if (options.ExitWithProcessId is { } processId)
        {
            services.TryAddSingleton(TimeProvider.System);
            services.AddHostedService(s => ActivatorUtilities.CreateInstance<ProcessExitWatch>(s, processId));
        }

        return services;
    }
}
