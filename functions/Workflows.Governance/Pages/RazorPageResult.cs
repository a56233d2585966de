using System.Text;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.AspNetCore.Components.Web.HtmlRendering;

namespace Workflows.Governance.Pages;

/// <summary>A page: the Razor component <typeparamref name="TComponent"/> rendered on the server with
/// <see cref="HtmlRenderer"/> (every value encoded by Razor), sent with the one set of security headers of the
/// server-rendered pages. Both hosts return it as is.</summary>
/// <typeparam name="TComponent">The page's component.</typeparam>
public sealed class RazorPageResult<TComponent>(IReadOnlyDictionary<string, object?> parameters, int statusCode, PageStylesheet stylesheet) : IResult
    where TComponent : IComponent
{
    /// <summary>The HTTP status code.</summary>
    public int StatusCode { get; } = statusCode;

    /// <inheritdoc/>
    public async Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        IServiceProvider services = httpContext.RequestServices;
        await using var renderer = new HtmlRenderer(services, services.GetRequiredService<ILoggerFactory>());
        string html = await renderer.Dispatcher.InvokeAsync(async () =>
        {
            HtmlRootComponent root = await renderer.RenderComponentAsync<TComponent>(ParameterView.FromDictionary(new Dictionary<string, object?>(parameters)));
            return root.ToHtmlString();
        });

        HttpResponse response = httpContext.Response;
        PageSecurityHeaders.Apply(response.Headers, stylesheet.ContentSecurityPolicy);
        response.StatusCode = this.StatusCode;
        response.ContentType = "text/html; charset=utf-8";
        await response.WriteAsync(html, Encoding.UTF8, httpContext.RequestAborted);
    }
}
