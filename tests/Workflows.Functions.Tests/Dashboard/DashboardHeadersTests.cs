using System.Net;
using System.Security.Cryptography;
using System.Text;
using Workflows.Functions.Tests.Approvals;
using Page = Workflows.Functions.Tests.Dashboard.DashboardBrowser.Page;

namespace Workflows.Functions.Tests.Dashboard;

/// <summary>The dashboard's pages in the one layout: the page security headers, and a policy that allows exactly the
/// stylesheet and script the page carries.</summary>
public sealed class DashboardHeadersTests(ApprovalPagesApp app) : IClassFixture<ApprovalPagesApp>
{
    [Theory]
    [InlineData("/dashboard")]
    [InlineData("/dashboard/proposals")]
    [InlineData("/dashboard/instances/no-such-instance")]
    public async Task A_page_allows_by_hash_exactly_its_inline_style_and_script_and_is_neither_cached_nor_referred(string url)
    {
        using DashboardBrowser browser = await DashboardBrowser.SignedInAsync(app);

        Page page = await browser.GetAsync(url);

        Assert.Contains(page.Status, new[] { HttpStatusCode.OK, HttpStatusCode.NotFound });
        string policy = string.Join(";", page.Response.Headers.GetValues("Content-Security-Policy"));
        string style = page.Document.QuerySelector("head style")!.TextContent;
        string script = page.Document.QuerySelector("head script")!.TextContent;
        Assert.Contains($"style-src 'sha256-{Hash(style)}'", policy, StringComparison.Ordinal);
        Assert.Contains($"script-src 'sha256-{Hash(script)}'", policy, StringComparison.Ordinal);
        Assert.Contains("default-src 'none'", policy, StringComparison.Ordinal);
        Assert.Equal("no-store", page.Response.Headers.CacheControl?.ToString());
        Assert.Equal("no-referrer", page.Response.Headers.GetValues("Referrer-Policy").Single());
        Assert.Equal("nosniff", page.Response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("text/html; charset=utf-8", page.Response.Content.Headers.ContentType?.ToString());
        Assert.EndsWith(" · Dashboard", page.Document.Title, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_sign_in_page_has_no_navigation_and_an_auto_refreshing_page_reloads_itself()
    {
        using var stranger = new DashboardBrowser(app);
        using DashboardBrowser browser = await DashboardBrowser.SignedInAsync(app);

        Page signIn = await stranger.GetAsync("/dashboard/signin");
        Page still = await browser.GetAsync("/dashboard");
        Page refreshing = await browser.GetAsync("/dashboard?refresh=1");

        Assert.Null(signIn.Document.QuerySelector("nav"));
        Assert.Equal("signin", signIn.Name);
        Assert.Null(still.Document.QuerySelector("meta[http-equiv=refresh]"));
        Assert.Equal("10", refreshing.Document.QuerySelector("meta[http-equiv=refresh]")?.GetAttribute("content"));
        Assert.Equal("/dashboard", refreshing.Document.QuerySelector("nav a[data-field=refresh]")?.GetAttribute("href"));
    }

    private static string Hash(string text) => Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}
