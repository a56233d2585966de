using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Workflows.DurableTask.AzureStorage;

/// <summary>Keeps DurableTask.AzureStorage's Information chatter out of the logs, warnings and errors kept.</summary>
internal static class AzureStorageLogging
{
    /// <summary>Adds the Warning filter once, first among the logging configuration, so that any
    /// <c>Logging:LogLevel</c> setting for the category (applied later) still wins.</summary>
    public static void AddDefaultFilter(IServiceCollection services)
    {
        if (services.Any(d => d.ServiceType == typeof(IConfigureOptions<LoggerFilterOptions>) && d.ImplementationInstance is DefaultFilter))
        {
            return;
        }

        services.Insert(0, ServiceDescriptor.Singleton<IConfigureOptions<LoggerFilterOptions>>(new DefaultFilter()));
    }

    private sealed class DefaultFilter : IConfigureOptions<LoggerFilterOptions>
    {
        public void Configure(LoggerFilterOptions options) =>
            options.Rules.Add(new LoggerFilterRule(null, AzureStorageDefaults.LogCategory, LogLevel.Warning, null));
    }
}
