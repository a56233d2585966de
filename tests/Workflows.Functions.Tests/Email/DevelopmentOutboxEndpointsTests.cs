using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Workflows.Governance.Email;
using Workflows.Functions.Tests.Infrastructure;

namespace Workflows.Functions.Tests.Email;

public sealed class DevelopmentOutboxEndpointsTests
{
    private const string BrowserAccept = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";

    [Fact]
    public async Task Get_outbox_with_Accept_json_lists_the_messages_newest_first_in_the_documented_shape()
    {
        await using var factory = new FunctionsAppFactory();
        using HttpClient client = factory.CreateClient();
        IEmailSender sender = factory.Services.GetRequiredService<IEmailSender>();
        await sender.SendAsync(EmailSamples.ApprovalRequest("Older"), "proposal-1:3", CancellationToken.None);
        await Task.Delay(20);
        await sender.SendAsync(EmailSamples.ApprovalRequest("Newer"), "proposal-1:4", CancellationToken.None);

        using HttpResponseMessage response = await GetAsync(client, "/dev/outbox", "application/json");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("Accept", response.Headers.Vary);
        Assert.True(response.Headers.CacheControl?.NoStore);
        using JsonDocument json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        JsonElement[] messages = [.. json.RootElement.EnumerateArray()];
        Assert.Equal(["Newer", "Older"], messages.Select(m => m.GetProperty("subject").GetString()));
        JsonElement newer = messages[0];
        foreach (string property in new[] { "id", "to", "subject", "text", "html", "sentAt" })
        {
            Assert.True(newer.TryGetProperty(property, out _), $"no '{property}'");
        }

        Assert.Equal(["approver@example.org", "second@example.org"], newer.GetProperty("to").EnumerateArray().Select(a => a.GetString()));
        Assert.Contains("Approve: " + EmailSamples.ApproveUrl.AbsoluteUri, newer.GetProperty("text").GetString(), StringComparison.Ordinal);
        Assert.Contains("<a href=", newer.GetProperty("html").GetString(), StringComparison.Ordinal);
        Assert.True(newer.GetProperty("sentAt").GetDateTimeOffset() > messages[1].GetProperty("sentAt").GetDateTimeOffset());
        Assert.True(File.Exists(Path.Combine(factory.DataDirectory, "outbox", newer.GetProperty("id").GetString() + ".json")));
    }

    [Fact]
    public async Task Get_outbox_as_a_browser_is_an_html_page_that_encodes_a_script_subject_and_sandboxes_each_html_body()
    {
        const string Subject = "<script>alert(\"x\")</script> & <b>bold</b>";
        await using var factory = new FunctionsAppFactory();
        using HttpClient client = factory.CreateClient();
        EmailMessage sent = EmailSamples.ApprovalRequest(Subject);
        await factory.Services.GetRequiredService<IEmailSender>().SendAsync(sent, "proposal-1:3", CancellationToken.None);

        using HttpResponseMessage response = await GetAsync(client, "/dev/outbox", BrowserAccept);
        string page = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.DoesNotContain("<script", page, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<b>", page, StringComparison.Ordinal);
        IDocument document = new HtmlParser().ParseDocument(page);
        Assert.Empty(document.Scripts);
        Assert.Equal(Subject, Assert.Single(document.QuerySelectorAll("article h2")).TextContent);
        Assert.Contains("approver@example.org", document.QuerySelector("article dl")!.TextContent, StringComparison.Ordinal);

        // The HTML body, in a frame without scripts or this origin, with its links opening in a new tab.
        var frame = (IHtmlInlineFrameElement)Assert.Single(document.QuerySelectorAll("iframe"));
        string[] sandbox = frame.GetAttribute("sandbox")!.Split(' ');
        Assert.DoesNotContain("allow-scripts", sandbox);
        Assert.DoesNotContain("allow-same-origin", sandbox);
        Assert.Contains("allow-popups", sandbox);
        string srcdoc = frame.GetAttribute("srcdoc")!;
        Assert.Contains("<base target=\"_blank\">", srcdoc, StringComparison.Ordinal);
        Assert.Equal(sent.HtmlBody, srcdoc.Replace("<base target=\"_blank\">", string.Empty, StringComparison.Ordinal));

        // The text body's addresses are links, as written.
        string[] textLinks = [.. document.QuerySelectorAll("article pre a").Select(a => a.GetAttribute("href")!)];
        Assert.Equal([EmailSamples.ApproveUrl.AbsoluteUri, EmailSamples.RejectUrl.AbsoluteUri], textLinks);

        string id = Path.GetFileNameWithoutExtension(Assert.Single(Directory.GetFiles(Path.Combine(factory.DataDirectory, "outbox"))));
        Assert.Contains(document.QuerySelectorAll("a"), a => a.GetAttribute("href") == "/dev/outbox/" + id);
    }

    [Fact]
    public async Task Get_outbox_id_returns_the_html_body_under_a_sandboxing_policy_and_404_for_an_unknown_id()
    {
        await using var factory = new FunctionsAppFactory();
        using HttpClient client = factory.CreateClient();
        EmailMessage sent = EmailSamples.ApprovalRequest();
        await factory.Services.GetRequiredService<IEmailSender>().SendAsync(sent, "proposal-1:3", CancellationToken.None);
        string id = Path.GetFileNameWithoutExtension(Assert.Single(Directory.GetFiles(Path.Combine(factory.DataDirectory, "outbox"))));

        using HttpResponseMessage response = await GetAsync(client, "/dev/outbox/" + id, BrowserAccept);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(sent.HtmlBody, await response.Content.ReadAsStringAsync());
        string policy = string.Join(";", response.Headers.GetValues("Content-Security-Policy"));
        Assert.StartsWith("sandbox ", policy, StringComparison.Ordinal);
        Assert.DoesNotContain("allow-scripts", policy, StringComparison.Ordinal);

        using HttpResponseMessage unknown = await GetAsync(client, "/dev/outbox/" + new string('0', 32), BrowserAccept);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        using HttpResponseMessage malformed = await GetAsync(client, "/dev/outbox/..%2F..%2Femail.db", BrowserAccept);
        Assert.Equal(HttpStatusCode.NotFound, malformed.StatusCode);
    }

    [Fact]
    public async Task With_a_SendGrid_key_the_app_sends_through_SendGrid_and_the_outbox_routes_are_404()
    {
        await using SendGridStub stub = await SendGridStub.StartAsync();
        await using var factory = new FunctionsAppFactory(settings: EmailTestHost.SendGridSettings(stub.BaseUrl));
        using HttpClient client = factory.CreateClient();

        await factory.Services.GetRequiredService<IEmailSender>().SendAsync(EmailSamples.ApprovalRequest(), "proposal-1:3", CancellationToken.None);

        SendGridRequest request = Assert.Single(stub.Requests);
        Assert.Equal("/v3/mail/send", request.Path);
        Assert.False(Directory.Exists(Path.Combine(factory.DataDirectory, "outbox")), "an outbox was written although SendGrid sends");
        using HttpResponseMessage list = await GetAsync(client, "/dev/outbox", "application/json");
        Assert.Equal(HttpStatusCode.NotFound, list.StatusCode);
        using HttpResponseMessage one = await GetAsync(client, "/dev/outbox/" + new string('0', 32), BrowserAccept);
        Assert.Equal(HttpStatusCode.NotFound, one.StatusCode);
    }

    [Fact]
    public async Task A_SendGrid_key_without_a_from_address_stops_the_start_naming_the_setting_but_not_the_key()
    {
        Dictionary<string, string?> settings = EmailTestHost.SendGridSettings(new Uri("http://127.0.0.1:9"));
        settings.Remove("Email:FromAddress");
        OptionsValidationException failure = await StartFailure.OfAsync(() => new FunctionsAppFactory(settings: settings));

        Assert.Contains(failure.Failures, f => f.Contains("Email:FromAddress", StringComparison.Ordinal));
        Assert.DoesNotContain(EmailTestHost.ApiKey, failure.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("application/json", true)]
    [InlineData("application/problem+json", true)]
    [InlineData("text/html;q=0.5, application/json", true)]
    [InlineData("application/json, */*;q=0.1", true)]
    [InlineData(BrowserAccept, false)]
    [InlineData("*/*", false)]
    [InlineData("text/html, application/json;q=0.9", false)]
    [InlineData("", false)]
    public void Json_is_chosen_only_when_the_Accept_header_ranks_it_above_html(string accept, bool json)
    {
        var context = new DefaultHttpContext();
        context.Request.Headers.Accept = accept;

        Assert.Equal(json, DevelopmentOutboxEndpoints.PrefersJson(context.Request));
    }

    private static Task<HttpResponseMessage> GetAsync(HttpClient client, string path, string accept)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(path, UriKind.Relative));
        request.Headers.Accept.ParseAdd(accept);
        return client.SendAsync(request);
    }
}
