using Microsoft.Extensions.Options;

namespace Workflows.Governance.Governance;

/// <summary>Registers the governance configuration and its timing.</summary>
public static class GovernanceServiceCollectionExtensions
{
    /// <summary>Adds <see cref="GovernanceConfiguration"/> (the file <c>Governance:ConfigurationFile</c> names, or the
    /// built-in congress) and <see cref="GovernanceTimingOptions"/> (<c>Governance:Timing</c>), both as options validated
    /// at start; the configuration is also a singleton of its own.</summary>
    public static IServiceCollection AddGovernance(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);

        services.AddOptions<GovernanceConfiguration>().ValidateOnStart();
        services.AddTransient<IOptionsFactory<GovernanceConfiguration>>(sp => new GovernanceConfigurationLoader(
            configuration,
            sp.GetServices<IConfigureOptions<GovernanceConfiguration>>(),
            sp.GetServices<IPostConfigureOptions<GovernanceConfiguration>>(),
            sp.GetServices<IValidateOptions<GovernanceConfiguration>>()));
        services.AddSingleton<IValidateOptions<GovernanceConfiguration>, GovernanceConfigurationValidator>();
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<GovernanceConfiguration>>().Value);

        services.AddOptions<GovernanceTimingOptions>()
            .Bind(configuration.GetSection(GovernanceTimingOptions.SectionName))
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<GovernanceTimingOptions>, GovernanceTimingOptionsValidator>();
        return services;
    }
}
