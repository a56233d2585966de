using Microsoft.Extensions.Options;

namespace Workflows.Functions.Assembly;

/// <summary>Registers the commissioning assembly's configuration, workflows and what they use.</summary>
public static partial class AssemblyServiceCollectionExtensions
{
    /// <summary>Adds the assembly configuration (the built-in assembly or <c>Assembly:ConfigurationFile</c>) and the
    /// <c>Assembly:Timing</c> options, both validated at start; the configuration is also a singleton of its own.</summary>
    public static IServiceCollection AddAssembly(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);

        services.AddOptions<AssemblyConfiguration>().ValidateOnStart();
        services.AddTransient<IOptionsFactory<AssemblyConfiguration>>(sp => new AssemblyConfigurationLoader(
            configuration,
            sp.GetServices<IConfigureOptions<AssemblyConfiguration>>(),
            sp.GetServices<IPostConfigureOptions<AssemblyConfiguration>>(),
            sp.GetServices<IValidateOptions<AssemblyConfiguration>>()));
        services.AddSingleton<IValidateOptions<AssemblyConfiguration>, AssemblyConfigurationValidator>();
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<AssemblyConfiguration>>().Value);

        services.AddOptions<AssemblyTimingOptions>()
            .Bind(configuration.GetSection(AssemblyTimingOptions.SectionName))
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<AssemblyTimingOptions>, AssemblyTimingOptionsValidator>();
        return services;
    }
}
