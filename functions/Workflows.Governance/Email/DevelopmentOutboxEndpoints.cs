using System.Text.Json;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace Workflows.Governance.Email;

/// <summary>Maps the development outbox's pages.</summary>
public static class DevelopmentOutboxEndpoints
{
    /// <summary>The route of the outbox's listing; one message's HTML body is at <c>{Route}/{id}</c>.</summary>
    public const string Route = "/dev/outbox";

    private const string HtmlContentType = "text/html; charset=utf-8";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>When the <see cref="DevelopmentOutbox"/> is the active sender (no SendGrid key configured), maps
    /// <c>GET /dev/outbox</c> (an HTML page, or JSON <c>[{ "id", "to", "cc", "subject", "text", "html", "sentAt",
    /// "idempotencyKey" }]</c> newest first when the request prefers <c>application/json</c>) and <c>GET
    /// /dev/outbox/{id}</c> (one message's HTML body); maps nothing otherwise, so both are 404.</summary>
    public static IEndpointRouteBuilder MapDevelopmentOutbox(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        if (endpoints.ServiceProvider.GetRequiredService<IOptions<EmailOptions>>().Value.UsesSendGrid)
        {
            return endpoints;
        }

        DevelopmentOutbox outbox = endpoints.ServiceProvider.GetRequiredService<DevelopmentOutbox>();
        ILogger logger = endpoints.ServiceProvider.GetRequiredService<ILogger<DevelopmentOutbox>>();
        EmailLog.OutboxActive(logger, outbox.Folder, Route);

        endpoints.MapGet(Route, ListAsync).ExcludeFromDescription();
        endpoints.MapGet(Route + "/{id}", ShowAsync).ExcludeFromDescription();
        return endpoints;
    }

    /// <summary>Whether the request's Accept header ranks JSON above HTML (a bare <c>*/*</c> counts as HTML).</summary>
    internal static bool PrefersJson(HttpRequest request)
    {
        double json = 0;
        double html = 0;
        foreach (MediaTypeHeaderValue accepted in request.GetTypedHeaders().Accept)
        {
            double quality = accepted.Quality ?? 1;
            string type = accepted.MediaType.Value?.ToUpperInvariant() ?? string.Empty;
            if (type is "APPLICATION/JSON" or "APPLICATION/*" || type.EndsWith("+JSON", StringComparison.Ordinal))
            {
                json = Math.Max(json, quality);
            }
            else if (type is "TEXT/HTML" or "APPLICATION/XHTML+XML" or "TEXT/*" or "*/*")
            {
                html = Math.Max(html, quality);
            }
        }

        return json > html;
    }

    internal static async Task<IResult> ListAsync(HttpContext context, DevelopmentOutbox outbox, CancellationToken cancellationToken)
    {
        IReadOnlyList<OutboxMessage> messages = await outbox.ListAsync(cancellationToken);
        IHeaderDictionary headers = context.Response.Headers;
        headers.Vary = HeaderNames.Accept;

        // The messages hold live approval links; no cache keeps them.
        headers.CacheControl = "no-store";
        if (PrefersJson(context.Request))
        {
            return Results.Json(messages, Json);
        }

        return DevelopmentOutboxPage.Render(messages, context.Request.PathBase + Route);
    }

    internal static async Task<IResult> ShowAsync(string id, HttpContext context, DevelopmentOutbox outbox, CancellationToken cancellationToken)
    {
        if (await outbox.FindAsync(id, cancellationToken) is not { } message)
        {
            return Results.NotFound();
        }

        IHeaderDictionary headers = context.Response.Headers;
        headers.CacheControl = "no-store";
        headers.XContentTypeOptions = "nosniff";

        // The body as a mail client would show it, but sandboxed: no scripts, no access to this origin; its links still
        // navigate, and the page they open is not sandboxed.
        headers.ContentSecurityPolicy = "sandbox allow-popups allow-popups-to-escape-sandbox allow-top-navigation-by-user-activation; script-src 'none'; object-src 'none'";
        return Results.Content(message.Html, HtmlContentType);
    }
}
