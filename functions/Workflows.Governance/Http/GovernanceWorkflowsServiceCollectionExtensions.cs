using Microsoft.Extensions.DependencyInjection.Extensions;
using Workflows.Governance.Assembly;
using Workflows.Governance.Dashboard;
using Workflows.Governance.Documents;
using Workflows.Governance.Email;
using Workflows.Governance.Governance;
using Workflows.Governance.Proposals;
using Workflows.Governance.Security;
using Workflows.Governance.Storage;

namespace Workflows.Governance.Http;

/// <summary>Everything the governance app needs in a host's services, and its tasks.</summary>
public static class GovernanceWorkflowsServiceCollectionExtensions
{
    /// <summary>Adds the admin key, email, the congress and assembly configurations, documents, proposals (links, tokens, planner),
    /// the dashboard and <see cref="GovernanceHttp"/>; each validates its settings at start. The state all of a host's
    /// processes share is kept where the host chose (<see cref="SharedStateServiceCollectionExtensions"/>), and locally
    /// for what it did not choose.</summary>
    public static IServiceCollection AddGovernanceWorkflows(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddAdminKey();
        services.AddEmail(configuration);
        services.AddGovernance(configuration);
        services.AddAssembly(configuration);
        services.AddDocuments(configuration);
        services.AddProposals(configuration);
        services.AddDashboard();
        services.AddLocalSharedState(configuration);
        services.AddSingleton<GovernanceHttp>();

        // One answer, in both hosts, to a request that fails with an exception (problem+json needs its writer).
        services.AddProblemDetails();
        services.TryAddSingleton<RequestFailureHandler>();
        return services;
    }

    /// <summary>Registers every orchestrator and activity of the governance workflows: the one registration both hosts use.</summary>
    public static void RegisterTasks(Microsoft.DurableTask.DurableTaskRegistry registry) => ProposalServiceCollectionExtensions.RegisterTasks(registry);
}
