using Microsoft.DurableTask;
using Microsoft.Extensions.Options;
using Workflows.Governance.Assembly.Consultations;
using Workflows.Governance.Assembly.Http;
using Workflows.Governance.Assembly.Links;
using Workflows.Governance.Assembly.Nominations;
using Workflows.Governance.Assembly.Notices;
using Workflows.Governance.Assembly.Pages;
using Workflows.Governance.Assembly.Records;
using Workflows.Governance.Assembly.WorkProgramme;

namespace Workflows.Governance.Assembly;

/// <summary>Registers the commissioning assembly's configuration, workflows and what they use.</summary>
public static partial class AssemblyServiceCollectionExtensions
{
    /// <summary>Registers the orchestrators and activities of the assembly's workflows with the engine.</summary>
    public static void RegisterTasks(DurableTaskRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        registry
            .AddOrchestrator<NominationRoundOrchestrator>()
            .AddOrchestrator<CcgNominationOrchestrator>()
            .AddOrchestrator<ConsultationOrchestrator>()
            .AddOrchestrator<WorkProgrammeOrchestrator>()
            .AddActivity<SendAssemblyEmailActivity>()
            .AddActivity<WriteAssemblyRecordActivity>();
    }

    /// <summary>Adds the assembly configuration (the built-in assembly or <c>Assembly:ConfigurationFile</c>) and the
    /// <c>Assembly:Timing</c> options, both validated at start (the configuration is also a singleton of its own), and
    /// the assembly's links and page renderer.</summary>
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

        // Links share the approval links' public address and Data Protection keys (AddProposals), under their own purpose.
        services.AddSingleton<AssemblyTokens>();
        services.AddSingleton<AssemblyLinks>();
        services.AddSingleton<AssemblyHtml>();
        services.AddSingleton<AssemblyRounds>();
        return services;
    }
}
