namespace Workflows.Governance.Pages;

/// <summary>The one set of security headers of the server-rendered pages.</summary>
public static class PageSecurityHeaders
{
    /// <summary>Sets the headers on a page's response. The pages carry credentials (signed links, sessions): no cache
    /// keeps them, no referrer carries their address elsewhere, no frame shows them, nothing is sniffed.</summary>
    public static void Apply(IHeaderDictionary headers, string contentSecurityPolicy)
    {
        ArgumentNullException.ThrowIfNull(headers);
        headers.CacheControl = "no-store";
        headers.XContentTypeOptions = "nosniff";
        headers.ContentSecurityPolicy = contentSecurityPolicy;
        headers["Referrer-Policy"] = "no-referrer";
        headers["X-Robots-Tag"] = "noindex, nofollow";
    }
}
