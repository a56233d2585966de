using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Workflows.Governance.Assembly.Records;

namespace Workflows.Governance.Assembly.Pages;

/// <summary>Renders the assembly's Razor components to HTML strings with <see cref="HtmlRenderer"/>, which encodes every
/// value.</summary>
public sealed class AssemblyHtml
{
    private readonly IServiceProvider services;
    private readonly ILoggerFactory loggers;

    /// <summary>Creates the renderer.</summary>
    public AssemblyHtml(IServiceProvider services, ILoggerFactory loggers)
    {
        this.services = services;
        this.loggers = loggers;
    }

    /// <summary>Renders <typeparamref name="TComponent"/> with <paramref name="parameters"/>.</summary>
    public async Task<string> RenderAsync<TComponent>(IDictionary<string, object?> parameters)
        where TComponent : IComponent
    {
        await using var renderer = new HtmlRenderer(this.services, this.loggers);
        return await renderer.Dispatcher.InvokeAsync(async () =>
            (await renderer.RenderComponentAsync<TComponent>(ParameterView.FromDictionary(parameters))).ToHtmlString());
    }

    /// <summary>The readable HTML of a round's record.</summary>
    public Task<string> RecordAsync(AssemblyRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return this.RenderAsync<RecordPage>(new Dictionary<string, object?> { [nameof(RecordPage.Record)] = record });
    }
}
