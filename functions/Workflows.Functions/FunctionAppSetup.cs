using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.DurableTask.Worker;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Workflows.Governance.Http;
using Workflows.Governance.Maintenance;
using Workflows.Governance.Storage;

namespace Workflows.Functions;

/// <summary>The Function App's services: ASP.NET Core integration for the HTTP functions, the governance workflows'
/// orchestrators and activities on the Durable extension's worker, and the services their handlers use, with what its
/// instances share (email ledger, raised decisions, sign-in failures, Data Protection keys) in the storage account of
/// <c>AzureWebJobsStorage</c>.</summary>
public static class FunctionAppSetup
{
    /// <summary>Configures <paramref name="builder"/>; the tests call it on a builder of their own.</summary>
    public static void Configure(FunctionsApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.ConfigureFunctionsWebApplication();
        builder.UseMiddleware<HttpFailureMiddleware>();

        // Each registered task becomes an orchestrationTrigger or activityTrigger function when the worker indexes
        // its functions: the same classes the self-hosted service runs.
        builder.ConfigureDurableWorker().AddTasks(GovernanceWorkflowsServiceCollectionExtensions.RegisterTasks);
        builder.Services.AddAzureStorageSharedState(builder.Configuration);
        builder.Services.AddGovernanceWorkflows(builder.Configuration);
        builder.Services.AddInstancePurge(builder.Configuration);
    }
}
