using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Workflows.Governance.Pages;

namespace Workflows.Functions.Tests.Dashboard;

/// <summary>Renders a dashboard component on its own, as the pages render it, and parses the HTML.</summary>
internal static class DashboardRender
{
    private static readonly ServiceProvider Services = new ServiceCollection().AddLogging().BuildServiceProvider();

    public static async Task<string> HtmlAsync<TComponent>(params (string Name, object? Value)[] parameters)
        where TComponent : IComponent =>
        await RazorHtml.RenderAsync<TComponent>(Services, parameters.ToDictionary(p => p.Name, p => p.Value));

    public static async Task<IHtmlDocument> DocumentAsync<TComponent>(params (string Name, object? Value)[] parameters)
        where TComponent : IComponent =>
        new HtmlParser().ParseDocument(await HtmlAsync<TComponent>(parameters));
}
