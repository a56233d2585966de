using Microsoft.AspNetCore.Diagnostics.HealthChecks;

namespace Workflows.Host.Health;

/// <summary>Registers and maps the host's health endpoint.</summary>
public static class HealthEndpointExtensions
{
    /// <summary>Adds the health checks behind the endpoint.</summary>
    public static IServiceCollection AddHostHealthChecks(this IServiceCollection services)
    {
        services.AddHealthChecks().AddCheck<DurableStoreHealthCheck>(DurableStoreHealthCheck.Name);
        return services;
    }

    /// <summary>Maps GET <paramref name="pattern"/>: 200 when healthy, 503 otherwise, with a small JSON body.</summary>
    public static IEndpointConventionBuilder MapHostHealth(this IEndpointRouteBuilder endpoints, string pattern = "/healthz")
    {
        IEndpointConventionBuilder endpoint = endpoints.MapHealthChecks(pattern, new HealthCheckOptions { ResponseWriter = HealthResponseWriter.WriteAsync });
        return endpoint.WithMetadata(new HttpMethodMetadata([HttpMethods.Get, HttpMethods.Head]));
    }
}
