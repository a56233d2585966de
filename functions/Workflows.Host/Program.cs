using Microsoft.Extensions.Options;
using Workflows.DurableTask.Hosting;
using Workflows.DurableTask.Http;
using Workflows.Governance.Approvals;
using Workflows.Governance.Assembly.Http;
using Workflows.Governance.Assembly.Pages;
using Workflows.Governance.Http;
using Workflows.Governance.Dashboard;
using Workflows.Governance.Documents;
using Workflows.Governance.Email;
using Workflows.Governance.Governance;
using Workflows.Host.Diagnostics;
using Workflows.Host.Health;
using Workflows.Host.Hosting;
using Workflows.Governance.Proposals;
using Workflows.Governance.Proposals.Http;
using Workflows.Governance.Security;
using Workflows.Governance.Storage;

// A settings or store problem ends the start with its own message (which names the key and never a secret), not
// with the runtime's report of an unhandled exception and its stack trace. A test host that runs this program in its
// own process (WebApplicationFactory) gets the exception itself.
try
{
    WebApplicationBuilder builder = WebApplication.CreateBuilder(args);
    builder.AddFunctionsHostConfiguration();

    // The generic host logs a failed start with the exception's stack trace; the catch below reports it in one line.
    builder.Logging.AddFilter("Microsoft.Extensions.Hosting.Internal.Host", LogLevel.Critical);
    DiagnosticsOptions diagnostics = DiagnosticsOptions.Read(builder.Configuration);
    builder.Services.AddDurableTaskHost(builder.Configuration, DiagnosticsServiceCollectionExtensions.WithSyntheticWorkflows(GovernanceWorkflowsServiceCollectionExtensions.RegisterTasks, diagnostics));
    builder.Services.AddHostDiagnostics(diagnostics);
    builder.Services.AddHostTelemetry(builder.Configuration);
    builder.Services.AddProblemDetails();
    builder.Services.AddHostHealthChecks();
    // One machine's processes share SQLite files and the key folder under the data directory.
    builder.Services.AddLocalSharedState(builder.Configuration);
    builder.Services.AddGovernanceWorkflows(builder.Configuration);
    builder.Services.AddExceptionHandler<RequestFailureHandler>();

    WebApplication app = builder.Build();
    app.UseExceptionHandler();
    app.UseStatusCodePages();
    app.MapHostHealth();
    app.MapDurableTaskManagementApi().RequireAdminKey();
    app.MapDevelopmentOutbox();
    app.MapGovernanceApi();
    app.MapProposalApi();
    app.MapAssemblyApi();
    app.MapApprovalPages();
    app.MapAssemblyLinks();
    app.MapDashboard();

    FunctionsHostOptions host = app.Services.GetRequiredService<IOptions<FunctionsHostOptions>>().Value;
    Log.HostSettings(app.Logger, host.ScriptRoot, host.DataDirectory);
    if (diagnostics.SyntheticWorkflows)
    {
        DiagnosticsLog.SyntheticWorkflowsRegistered(app.Logger);
    }

    await app.RunAsync();
    return 0;
}
catch (Exception exception) when (exception is StoreConfigurationException or OptionsValidationException
    && System.Reflection.Assembly.GetEntryAssembly() == typeof(Program).Assembly)
{
    await Console.Error.WriteLineAsync($"The host did not start: {exception.Message}");
    return 1;
}
