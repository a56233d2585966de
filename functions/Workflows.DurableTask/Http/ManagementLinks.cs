using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Workflows.DurableTask.Http;

/// <summary>Builds the absolute links of the management API for a request.</summary>
internal static class ManagementLinks
{
    /// <summary>The query parameter that carries the key; links keep it so that a tool can follow them without knowing the key.</summary>
    public const string CodeParameter = "code";

    /// <summary>Makes a prefix canonical: a leading slash and no trailing one.</summary>
    public static string NormalizePrefix(string prefix)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(prefix);
        string trimmed = prefix.Trim().Trim('/');
        return "/" + trimmed;
    }

    /// <summary>The prefix the API was mapped under: from the current endpoint when it is one of the API's, else from the
    /// first mapped API endpoint, else the Durable Functions default.</summary>
    public static string FindPrefix(HttpContext context)
    {
        if (context.GetEndpoint()?.Metadata.GetMetadata<ManagementApiMetadata>() is { } own)
        {
            return own.Prefix;
        }

        // App code (a starter function) runs on its own endpoint; the API's routes say where they are.
        EndpointDataSource? endpoints = context.RequestServices.GetService<EndpointDataSource>();
        if (endpoints is not null)
        {
            foreach (Endpoint endpoint in endpoints.Endpoints)
            {
                if (endpoint.Metadata.GetMetadata<ManagementApiMetadata>() is { } metadata)
                {
                    return metadata.Prefix;
                }
            }
        }

        return ManagementApiEndpointRouteBuilderExtensions.DefaultPrefix;
    }

    /// <summary>The links of one instance, absolute for the request's scheme, host and path base.</summary>
    public static HttpManagementPayload Create(HttpRequest request, string prefix, string instanceId)
    {
        string instance = InstanceUrl(request, prefix, instanceId);
        string code = request.Query[CodeParameter].FirstOrDefault(v => !string.IsNullOrEmpty(v)) is { } key
            ? CodeParameter + "=" + Uri.EscapeDataString(key)
            : string.Empty;
        string query = code.Length == 0 ? string.Empty : "?" + code;
        string reasonQuery = "?reason={text}" + (code.Length == 0 ? string.Empty : "&" + code);
        return new HttpManagementPayload
        {
            Id = instanceId,
            StatusQueryGetUri = instance + query,
            SendEventPostUri = instance + "/raiseEvent/{eventName}" + query,
            TerminatePostUri = instance + "/terminate" + reasonQuery,
            PurgeHistoryDeleteUri = instance + query,
            RestartPostUri = instance + "/restart" + query,
            SuspendPostUri = instance + "/suspend" + reasonQuery,
            ResumePostUri = instance + "/resume" + reasonQuery,
            RewindPostUri = instance + "/rewind" + reasonQuery,
        };
    }

    /// <summary>The absolute status URL of an instance with the request's own query: where a poller asks again. Built from the
    /// id rather than from the request path, whose decoded form cannot tell an escaped slash from a literal "%2F".</summary>
    public static string StatusUrl(HttpRequest request, string prefix, string instanceId) =>
        InstanceUrl(request, prefix, instanceId) + request.QueryString.ToUriComponent();

    private static string InstanceUrl(HttpRequest request, string prefix, string instanceId) =>
        BaseUrl(request, prefix) + "/instances/" + Uri.EscapeDataString(instanceId);

    private static string BaseUrl(HttpRequest request, string prefix) =>
        UriHelper.BuildAbsolute(request.Scheme, request.Host, request.PathBase, new PathString(prefix));
}
