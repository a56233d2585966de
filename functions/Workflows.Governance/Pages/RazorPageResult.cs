using System.Text;
using Microsoft.AspNetCore.Components;

namespace Workflows.Governance.Pages;

/// <summary>A page: the Razor component <typeparamref name="TComponent"/> rendered on the server with
/// <see cref="RazorHtml"/> (every value encoded by Razor), sent with the one set of security headers of the
/// server-rendered pages. Both hosts return it as is.</summary>
/// <typeparam name="TComponent">The page's component.</typeparam>
/// <param name="parameters">The component's parameters.</param>
/// <param name="statusCode">The HTTP status code.</param>
/// <param name="contentSecurityPolicy">The page's policy: its stylesheet's (<see cref="PageStylesheet.ContentSecurityPolicy"/>) unless
/// the page needs another.</param>
public sealed class RazorPageResult<TComponent>(IReadOnlyDictionary<string, object?> parameters, int statusCode, string contentSecurityPolicy) : IResult
    where TComponent : IComponent
{
    /// <summary>The HTTP status code.</summary>
    public int StatusCode { get; } = statusCode;

    /// <inheritdoc/>
    public async Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        string html = await RazorHtml.RenderAsync<TComponent>(httpContext.RequestServices, parameters);

        HttpResponse response = httpContext.Response;
        PageSecurityHeaders.Apply(response.Headers, contentSecurityPolicy);
        response.StatusCode = this.StatusCode;
        response.ContentType = "text/html; charset=utf-8";
        await response.WriteAsync(html, Encoding.UTF8, httpContext.RequestAborted);
    }
}
