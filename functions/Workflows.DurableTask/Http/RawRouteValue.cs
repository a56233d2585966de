using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Workflows.DurableTask.Http;

/// <summary>Reads a route value exactly as the client escaped it. The server decodes every escape in the request path but
/// <c>%2F</c>, so a route value whose text held an escaped slash (an instance id such as <c>orders/42</c>) keeps
/// <c>%2F</c>, and one that held a literal "%2F" cannot be told from it. The raw request target can: the decoded and the
/// raw path have the same segments, so the route value's segment is read from the raw one and unescaped.</summary>
public static class RawRouteValue
{
    /// <summary>Makes the endpoints' string parameter <paramref name="parameterName"/> receive the text of its path segment
    /// (see <see cref="Read"/>) rather than the route value; endpoints without that parameter are left as they are.</summary>
    /// <param name="builder">The endpoints, or a group of them.</param>
    /// <param name="parameterName">The handler parameter bound from the route, such as <c>instanceId</c>.</param>
    public static TBuilder WithRawRouteValue<TBuilder>(this TBuilder builder, string parameterName)
        where TBuilder : IEndpointConventionBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrEmpty(parameterName);
        builder.AddEndpointFilterFactory((factory, next) =>
        {
            int index = Array.FindIndex(factory.MethodInfo.GetParameters(), p => p.Name == parameterName && p.ParameterType == typeof(string));
            return index < 0
                ? next
                : context =>
                {
                    if (context.Arguments[index] is string routed)
                    {
                        context.Arguments[index] = Read(context.HttpContext, routed);
                    }

                    return next(context);
                };
        });
        return builder;
    }

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
        if (!string.IsNullOrEmpty(raw) && raw[0] == '/')
        {
            int end = raw.IndexOfAny(['?', '#']);
            string[] rawSegments = (end >= 0 ? raw[..end] : raw).Split('/');
            string[] segments = (context.Request.PathBase + context.Request.Path).Value?.Split('/') ?? [];
            int at = rawSegments.Length == segments.Length ? Array.IndexOf(segments, routeValue) : -1;
            if (at >= 0)
            {
                return Uri.UnescapeDataString(rawSegments[at]);
            }
        }

        // Without the raw target (an in-memory test server), the one escape left is the slash's.
        return routeValue.Replace("%2F", "/", StringComparison.OrdinalIgnoreCase);
    }
}
