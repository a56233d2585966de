using Workflows.Governance.Assembly.Links;

namespace Workflows.Governance.Assembly.Pages;

/// <summary>Maps the pages the assembly's emailed links open.</summary>
public static class AssemblyLinkPagesEndpoints
{
    /// <summary>Maps, without the admin key (the signed link is all a member has) and with <c>AddAntiforgery</c>:
    /// <list type="bullet">
    /// <item><c>GET /assembly/links/{token}</c>: the form the link is for (nomination, review, consultation response or
    /// work-programme interest), or a page saying why it is not open; it changes nothing, since mail scanners open links.</item>
    /// <item><c>POST /assembly/links/{token}</c>: anti-forgery protected; a valid form raises its answer on the workflow
    /// that waits for it, then shows whether it was recorded.</item>
    /// <item><c>GET /assembly/links/{token}/documents/{documentId}</c>: a consultation's draft, as a download.</item>
    /// <item><c>GET /assembly/assets/forms.css</c>: the pages' stylesheet.</item>
    /// </list>
    /// Links that change nothing get a page saying why: 400 for an invalid or altered link or a failed anti-forgery
    /// check (and a form with problems, shown again), 409 for a link already used, 410 for a passed closing date or a
    /// round no longer open.</summary>
    public static RouteGroupBuilder MapAssemblyLinks(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ILogger logger = endpoints.ServiceProvider.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(AssemblyLinkPagesEndpoints).FullName!);
        var pages = new AssemblyLinkPages(logger);
        endpoints.MapGet(AssemblyStylesheet.Path, AssemblyStylesheet.Serve).ExcludeFromDescription();
        RouteGroupBuilder group = endpoints.MapGroup(AssemblyLinks.Route).ExcludeFromDescription();
        group.MapGet("/{token}", pages.ShowAsync).WithName("ShowAssemblyLink");
        group.MapPost("/{token}", pages.ConfirmAsync).WithName("ConfirmAssemblyLink");
        group.MapGet("/{token}/documents/{documentId}", pages.DocumentAsync).WithName("GetAssemblyDraft");
        return group;
    }
}
