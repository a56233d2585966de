using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.AspNetCore.Components.Web.HtmlRendering;

namespace Workflows.Governance.Pages;

/// <summary>Renders a Razor component to HTML on the server (<see cref="HtmlRenderer"/>), for pages and for documents
/// written by activities (decision records).</summary>
public static class RazorHtml
{
    /// <summary>The HTML of <typeparamref name="TComponent"/> with <paramref name="parameters"/>.</summary>
    public static async Task<string> RenderAsync<TComponent>(IServiceProvider services, IReadOnlyDictionary<string, object?> parameters)
        where TComponent : IComponent
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(parameters);
        HtmlRenderer renderer = new(services, services.GetRequiredService<ILoggerFactory>());
        await using (renderer.ConfigureAwait(false))
        {
            return await renderer.Dispatcher.InvokeAsync(async () =>
            {
                HtmlRootComponent root = await renderer.RenderComponentAsync<TComponent>(ParameterView.FromDictionary(new Dictionary<string, object?>(parameters)));
                return root.ToHtmlString();
            }).ConfigureAwait(false);
        }
    }
}
