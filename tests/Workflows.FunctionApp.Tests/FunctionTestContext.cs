using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Workflows.Governance.Http;
using Workflows.Governance.Maintenance;

namespace Workflows.FunctionApp.Tests;

/// <summary>The services the Function App's functions see (the governance workflows' own registration, on a temporary
/// data folder), and requests run through a function as the ASP.NET Core integration runs them.</summary>
public sealed class FunctionTestContext : IDisposable
{
    public const string AdminKey = "function-app-admin-key";

    private readonly string folder = Directory.CreateTempSubdirectory("function-app-tests-").FullName;

    public FunctionTestContext(IDictionary<string, string?>? settings = null)
    {
        var values = new Dictionary<string, string?>
        {
            ["DataDirectory"] = this.folder,
            ["Security:AdminKey"] = AdminKey,
            ["Governance:Approvals:PublicBaseUrl"] = "https://congress.example.org",
        };
        foreach ((string key, string? value) in settings ?? new Dictionary<string, string?>())
        {
            values[key] = value;
        }

        IConfiguration configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        var services = new ServiceCollection();
        services.AddSingleton(configuration);
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Warning));
        services.AddRouting();
        services.AddProblemDetails();
        services.AddSingleton(TimeProvider.System);
        services.AddGovernanceWorkflows(configuration);
        services.AddInstancePurge(configuration);
        this.Services = services.BuildServiceProvider();
        this.Http = this.Services.GetRequiredService<GovernanceHttp>();
    }

    public ServiceProvider Services { get; }

    public GovernanceHttp Http { get; }

    /// <summary>A request as the Functions host hands it to an HTTP function.</summary>
    public HttpRequest Request(string method, string path, string? json = null, bool admin = true, string? contentType = "application/json")
    {
        var context = new DefaultHttpContext { RequestServices = this.Services };
        context.Request.Method = method;
        context.Request.Scheme = "https";
        context.Request.Host = new HostString("congress.example.org");
        context.Request.Path = path;
        if (admin)
        {
            context.Request.Headers["x-functions-key"] = AdminKey;
        }

        if (json is not null)
        {
            byte[] bytes = Encoding.UTF8.GetBytes(json);
            context.Request.Body = new MemoryStream(bytes);
            context.Request.ContentLength = bytes.Length;
            context.Request.ContentType = contentType;
        }

        context.Response.Body = new MemoryStream();
        return context.Request;
    }

    /// <summary>Writes what a function returned, as the integration does, and reads the response.</summary>
    public static async Task<(int Status, string? ContentType, string Body, IHeaderDictionary Headers)> RunAsync(HttpRequest request, IActionResult result)
    {
        HttpContext http = request.HttpContext;
        await result.ExecuteResultAsync(new ActionContext(http, new RouteData(), new Microsoft.AspNetCore.Mvc.Abstractions.ActionDescriptor()));
        http.Response.Body.Position = 0;
        string body = await new StreamReader(http.Response.Body).ReadToEndAsync();
        return (http.Response.StatusCode, http.Response.ContentType, body, http.Response.Headers);
    }

    public void Dispose()
    {
        this.Services.Dispose();
        try
        {
            Directory.Delete(this.folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
