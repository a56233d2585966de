namespace Workflows.Governance.Assembly.Pages;

/// <summary>The stylesheet of the assembly's link pages, served from one path so that the pages' Content-Security-Policy
/// allows styles from this site only, with no inline style.</summary>
public static class AssemblyStylesheet
{
    /// <summary>Where it is served.</summary>
    public const string Path = "/assembly/assets/forms.css";

    /// <summary>Its content.</summary>
    public const string Css = """
        body { font-family: system-ui, -apple-system, "Segoe UI", sans-serif; margin: 0; background: #f4f5f7; color: #1d2329; line-height: 1.5; }
        main { max-width: 44rem; margin: 2.5rem auto; background: #fff; border: 1px solid #d8dce1; border-radius: 8px; padding: 1.5rem 2rem 2rem; }
        h1 { font-size: 1.5rem; margin: 0 0 1rem; }
        dl { display: grid; grid-template-columns: max-content 1fr; gap: .25rem 1rem; margin: 1rem 0; }
        dt { font-weight: 600; color: #4a5560; }
        dd { margin: 0; }
        fieldset { border: 1px solid #d8dce1; border-radius: 6px; margin: 1rem 0; padding: .75rem 1rem; }
        legend { font-weight: 700; padding: 0 .25rem; }
        label { display: block; font-weight: 600; margin: .9rem 0 .25rem; }
        label.choice { font-weight: normal; margin: .35rem 0; }
        input:not([type=radio]), select, textarea { width: 100%; box-sizing: border-box; font: inherit; padding: .45rem; border: 1px solid #8a939c; border-radius: 4px; }
        button { margin-top: 1.25rem; font: inherit; font-weight: 600; padding: .6rem 1.2rem; border: 0; border-radius: 4px; background: #1d4f91; color: #fff; cursor: pointer; }
        .notice { border-left: 4px solid #56606b; background: #f6f7f8; padding: .75rem 1rem; }
        .ok { border-color: #1e7a3d; background: #eef8f1; }
        .warn { border-color: #b26a00; background: #fdf6ea; }
        .bad { border-color: #b3261e; background: #fcefee; }
        .small { color: #4a5560; font-size: .9rem; }
        a { color: #1d4f91; }
        """;

    /// <summary>The response of <see cref="Path"/>: the stylesheet, cacheable for an hour.</summary>
    public static IResult Serve(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Response.Headers.CacheControl = "public, max-age=3600";
        context.Response.Headers.XContentTypeOptions = "nosniff";
        return Results.Text(Css, "text/css; charset=utf-8");
    }
}
