using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using Workflows.Functions.Tests.Approvals;

namespace Workflows.Functions.Tests.Dashboard;

/// <summary>A browser on the dashboard: keeps cookies, does not follow redirects, reads pages with AngleSharp and posts
/// forms with the hidden fields (the anti-forgery token) they carry.</summary>
public sealed class DashboardBrowser : IDisposable
{
    public const string AdminKey = "approval-pages-admin-key";

    public DashboardBrowser(ApprovalPagesApp app)
    {
        ArgumentNullException.ThrowIfNull(app);
        this.Http = app.Browser();
    }

    public HttpClient Http { get; }

    public static async Task<DashboardBrowser> SignedInAsync(ApprovalPagesApp app)
    {
        var browser = new DashboardBrowser(app);
        Page signIn = await browser.GetAsync("/dashboard/signin");
        Page result = await browser.SubmitAsync(signIn, "form", ("key", AdminKey));
        Assert.Equal(HttpStatusCode.Redirect, result.Status);
        return browser;
    }

    public async Task<Page> GetAsync(string url) => await Page.ReadAsync(await this.Http.GetAsync(new Uri(url, UriKind.Relative)));

    /// <summary>Submits the form <paramref name="selector"/> picks, with its hidden fields and the given ones.</summary>
    public async Task<Page> SubmitAsync(Page page, string selector, params (string Name, string Value)[] fields)
    {
        ArgumentNullException.ThrowIfNull(page);
        IHtmlFormElement form = page.Document.QuerySelector<IHtmlFormElement>(selector) ?? throw new InvalidOperationException($"No form {selector} on the page.");
        Assert.Equal("post", form.Method, ignoreCase: true);
        var values = form.Elements.OfType<IHtmlInputElement>().Where(i => i.Type == "hidden").Select(i => KeyValuePair.Create(i.Name!, i.Value)).ToList();
        values.AddRange(fields.Select(f => KeyValuePair.Create(f.Name, f.Value)));
        return await this.PostAsync(form.GetAttribute("action")!, values);
    }

    public async Task<Page> PostAsync(string url, IEnumerable<KeyValuePair<string, string>> fields)
    {
        using var content = new FormUrlEncodedContent(fields);
        return await Page.ReadAsync(await this.Http.PostAsync(new Uri(url, UriKind.Relative), content));
    }

    public void Dispose() => this.Http.Dispose();

    /// <summary>A response, parsed.</summary>
    public sealed record Page(HttpStatusCode Status, IHtmlDocument Document, HttpResponseMessage Response, string Html)
    {
        public string? Name => this.Document.QuerySelector("main")?.GetAttribute("data-page");

        public string? Location => this.Response.Headers.Location?.OriginalString;

        public string? Field(string name) => this.Document.QuerySelector($"[data-field='{name}']")?.TextContent.Trim();

        public static async Task<Page> ReadAsync(HttpResponseMessage response)
        {
            ArgumentNullException.ThrowIfNull(response);
            string html = await response.Content.ReadAsStringAsync();
            return new Page(response.StatusCode, new HtmlParser().ParseDocument(html), response, html);
        }
    }
}
