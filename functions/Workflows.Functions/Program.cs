using Microsoft.Extensions.Options;
using Workflows.Durable.Http;
using Workflows.Functions.Approvals;
using Workflows.Functions.Documents;
using Workflows.Functions.Email;
using Workflows.Functions.Governance;
using Workflows.Functions.Health;
using Workflows.Functions.Hosting;
using Workflows.Functions.Proposals;
using Workflows.Functions.Proposals.Http;
using Workflows.Functions.Security;

WebApplicationBuilder builder = WebApplication.CreateBuilder(args);
builder.AddFunctionsHostConfiguration();
builder.Services.AddDurableTaskHost(builder.Configuration, ProposalServiceCollectionExtensions.RegisterTasks);
builder.Services.AddProblemDetails();
builder.Services.AddHostHealthChecks();
builder.Services.AddAdminKey();
builder.Services.AddEmail(builder.Configuration);
builder.Services.AddGovernance(builder.Configuration);
builder.Services.AddDocuments(builder.Configuration);
builder.Services.AddProposals(builder.Configuration);
builder.Services.AddAntiforgery();

WebApplication app = builder.Build();
app.UseExceptionHandler();
app.UseStatusCodePages();
app.MapHostHealth();
app.MapDurableTaskManagementApi().RequireAdminKey();
app.MapDevelopmentOutbox();
app.MapGovernanceApi();
app.MapProposalApi();
app.MapApprovalPages();

FunctionsHostOptions host = app.Services.GetRequiredService<IOptions<FunctionsHostOptions>>().Value;
Log.HostSettings(app.Logger, host.ScriptRoot, host.DataDirectory);
app.Run();
