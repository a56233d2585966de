using Microsoft.AspNetCore.Http.Features;

namespace Workflows.Functions.Dashboard;

/// <summary>Reads the instance id of a <c>/dashboard/instances/{id}</c> request exactly. An id may hold any character
/// but control characters; its link escapes them all, but the server decodes every escape in the path except <c>%2F</c>,
/// so the route value of an id with a slash (or with a literal "%2F") is not the id. The raw request target is.</summary>
internal static class InstanceIdRoute
{
    private const string Prefix = DashboardEndpoints.Route + "/instances/";

    /// <summary>The id the request names, from its raw target; from <paramref name="routeValue"/> when that is not
    /// available.</summary>
    public static string From(HttpContext context, string routeValue)
    {
        string? raw = context.Features.Get<IHttpRequestFeature>()?.RawTarget;
        if (string.IsNullOrEmpty(raw) || !raw.StartsWith('/'))
        {
            // Without the raw target (an in-memory test server), the one escape left in the route value is the slash's.
            return routeValue.Replace("%2F", "/", StringComparison.OrdinalIgnoreCase);
        }

        int end = raw.IndexOfAny(['?', '#']);
        string path = end >= 0 ? raw[..end] : raw;
        int at = path.IndexOf(Prefix, StringComparison.OrdinalIgnoreCase);
        if (at < 0)
        {
            return routeValue;
        }

        string segment = path[(at + Prefix.Length)..];
        int slash = segment.IndexOf('/', StringComparison.Ordinal);
        return Uri.UnescapeDataString(slash >= 0 ? segment[..slash] : segment);
    }
}
