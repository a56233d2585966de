using System.Reflection;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.DurableTask.Client;
using NSubstitute;
using Workflows.Functions;
using Workflows.Governance.Instances;
using Workflows.Governance.Approvals;
using Workflows.Governance.Assembly.Http;
using Workflows.Governance.Assembly.Pages;
using Workflows.Governance.Dashboard;
using Workflows.Governance.Email;
using Workflows.Governance.Governance;
using Workflows.Governance.Http;
using Workflows.Governance.Proposals.Http;

namespace Workflows.FunctionApp.Tests;

/// <summary>Both hosts serve the same routes: every route Workflows.Governance maps for the self-hosted service has an
/// HTTP function with the same method and template, and no function serves a route the service does not have.</summary>
public sealed class RouteParityTests
{
    [Fact]
    public async Task Every_route_of_the_self_hosted_service_is_an_HTTP_function_and_no_other()
    {
        string folder = Directory.CreateTempSubdirectory("function-app-routes-").FullName;
        try
        {
            WebApplicationBuilder builder = WebApplication.CreateSlimBuilder();
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["DataDirectory"] = folder, ["Security:AdminKey"] = "k" });
            builder.Services.AddGovernanceWorkflows(builder.Configuration);

            // What the self-hosted service's Durable Task registration adds (only inferred parameters need it here).
            builder.Services.AddSingleton(Substitute.For<DurableTaskClient>("routes"));
            builder.Services.AddSingleton<InstanceReader>();
            await using WebApplication app = builder.Build();
            app.MapGovernanceApi();
            app.MapProposalApi();
            app.MapAssemblyApi();
            app.MapApprovalPages();
            app.MapAssemblyLinks();
            app.MapDashboard();
            app.MapDevelopmentOutbox();
            HashSet<string> mapped = [.. ((IEndpointRouteBuilder)app).DataSources.SelectMany(s => s.Endpoints).OfType<RouteEndpoint>()
                .SelectMany(e => (e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? []).Select(m => Key(m, e.RoutePattern.RawText!)))];

            HashSet<string> functions = [.. typeof(FunctionAppSetup).Assembly.GetTypes()
                .SelectMany(t => t.GetMethods())
                .Where(m => m.GetCustomAttribute<FunctionAttribute>() is not null)
                .SelectMany(m => m.GetParameters().Select(p => p.GetCustomAttribute<HttpTriggerAttribute>()).OfType<HttpTriggerAttribute>())
                .SelectMany(t => t.Methods!.Select(m => Key(m, t.Route!)))];

            Assert.NotEmpty(mapped);
            Assert.Equal(mapped.Order(StringComparer.Ordinal), functions.Order(StringComparer.Ordinal));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void Every_HTTP_function_is_anonymous_at_the_host_so_that_the_app_checks_its_own_admin_key()
    {
        var levels = typeof(FunctionAppSetup).Assembly.GetTypes()
            .SelectMany(t => t.GetMethods())
            .SelectMany(m => m.GetParameters().Select(p => p.GetCustomAttribute<HttpTriggerAttribute>()).OfType<HttpTriggerAttribute>())
            .Select(t => t.AuthLevel)
            .ToList();

        Assert.NotEmpty(levels);
        Assert.All(levels, level => Assert.Equal(AuthorizationLevel.Anonymous, level));
    }

    // "GET api/proposals/{id}": methods upper case, no leading or trailing slash.
    private static string Key(string method, string route) => $"{method.ToUpperInvariant()} {route.Trim('/')}";
}
