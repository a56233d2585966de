using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;
using Microsoft.DurableTask;
using Workflows.Governance.Approvals;

namespace Workflows.Governance.Proposals;

/// <summary>Registers the proposal workflows and what they use.</summary>
public static class ProposalServiceCollectionExtensions
{
    /// <summary>Registers the orchestrators and activities of the proposal workflows with the engine.</summary>
    public static void RegisterTasks(DurableTaskRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        registry
            .AddOrchestrator<ProposalOrchestrator>()
            .AddOrchestrator<GoverningBodyApprovalOrchestrator>()
            .AddActivity<PlanProposalActivity>()
            .AddActivity<SendApprovalEmailActivity>()
            .AddActivity<SendOutcomeNoticeActivity>()
            .AddActivity<WriteDecisionRecordActivity>();
        Assembly.AssemblyServiceCollectionExtensions.RegisterTasks(registry);
    }

    /// <summary>Adds the planner, approval tokens and links, with Data Protection keys kept where the host chose (by
    /// default under the data folder) so that links stay valid across restarts, and the raised decisions' ledger the
    /// approval pages use (by default <c>{DataDirectory}/decisions.db</c>).</summary>
    public static IServiceCollection AddProposals(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<ApprovalOptions>().Bind(configuration.GetSection(ApprovalOptions.SectionName))
            .Validate(o => Uri.TryCreate(o.PublicBaseUrl, UriKind.Absolute, out Uri? uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps),
                $"{ApprovalOptions.SectionName}:PublicBaseUrl must be an absolute http or https address.")
            .ValidateOnStart();
        services.AddDataProtection()
            // The name (and the protectors' purposes) predate the split into projects: links already sent stay valid.
            .SetApplicationName("Workflows.Functions");
        Storage.SharedStateServiceCollectionExtensions.TryAddLocalKeyRing(services, configuration);
        Storage.SharedStateServiceCollectionExtensions.TryAddSqliteRaisedDecisions(services, configuration);
        services.AddSingleton<ApprovalTokens>();
        services.AddSingleton<ApprovalLinks>();
        services.AddSingleton<ProposalPlanner>();
        return services;
    }
}
