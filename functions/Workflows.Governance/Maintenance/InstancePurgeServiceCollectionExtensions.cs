namespace Workflows.Governance.Maintenance;

/// <summary>Registers <see cref="InstancePurge"/>.</summary>
public static class InstancePurgeServiceCollectionExtensions
{
    /// <summary>Adds <see cref="InstancePurge"/> with <see cref="InstancePurgeOptions"/> bound and validated at start.</summary>
    public static IServiceCollection AddInstancePurge(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<InstancePurgeOptions>().Bind(configuration.GetSection(InstancePurgeOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<InstancePurge>();
        return services;
    }
}
