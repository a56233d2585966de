using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Workflows.Durable.Http;

/// <summary>Reads a route value exactly as the client escaped it. The server decodes every escape in the request path but
/// <c>%2F</c>, so a route value whose text held an escaped slash (an instance id such as <c>orders/42</c>) keeps
/// <c>%2F</c>, and one that held a literal "%2F" cannot be told from it. The raw request target can: the decoded and the
/// raw path have the same segments, so the route value's segment is read from the raw one and unescaped.</summary>
public static class RawRouteValue
{
    /// <summary>The text of the path segment that <paramref name="routeValue"/> was bound from.</summary>
    /// <param name="context">The request.</param>
    /// <param name="routeValue">The value routing bound (one whole path segment).</param>
    public static string Read(HttpContext context, string routeValue)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(routeValue);
        if (!routeValue.Contains('%', StringComparison.Ordinal))
        {
            // Nothing was left escaped, so the value is the text.
            return routeValue;
        }

        string? raw = context.Features.Get<IHttpRequestFeature>()?.RawTarget;
        string path = (context.Request.PathBase + context.Request.Path).Value ?? string.Empty;
        if (string.IsNullOrEmpty(raw) || raw[0] != '/')
        {
            // Without the raw target (an in-memory test server), the one escape left is the slash's.
            return routeValue.Replace("%2F", "/", StringComparison.OrdinalIgnoreCase);
        }

        int end = raw.IndexOfAny(['?', '#']);
        string[] rawSegments = (end >= 0 ? raw[..end] : raw).Split('/');
        string[] segments = path.Split('/');
        if (rawSegments.Length == segments.Length)
        {
            for (int i = 0; i < segments.Length; i++)
            {
                if (string.Equals(segments[i], routeValue, StringComparison.Ordinal))
                {
                    return Uri.UnescapeDataString(rawSegments[i]);
                }
            }
        }

        return routeValue.Replace("%2F", "/", StringComparison.OrdinalIgnoreCase);
    }
}
