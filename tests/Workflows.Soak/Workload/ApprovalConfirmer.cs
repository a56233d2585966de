using System.Collections.Concurrent;
using System.Net;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using Workflows.Soak.Hosts;

namespace Workflows.Soak.Workload;

/// <summary>Decides as an approver does: opens the emailed link's page on one host process, and confirms with its form
/// (anti-forgery field and cookie) on whichever process answers next. A page that says the decision is recorded or
/// received ends it; a refused form or a dropped connection tries again from the page.</summary>
public sealed class ApprovalConfirmer(HostCluster cluster)
{
    private const int Attempts = 10;
    private static readonly string[] Done = ["recorded", "received", "already-recorded"];

    /// <summary>The pages seen in answer to confirmations (and to opening a link whose decision was already taken).</summary>
    public ConcurrentDictionary<string, int> Pages { get; } = new(StringComparer.Ordinal);

    /// <summary>Confirms the decision of <paramref name="token"/>'s link; returns the last page's name.</summary>
    public async Task<string> ConfirmAsync(string token, string what, CancellationToken cancellationToken)
    {
        var parser = new HtmlParser();
        string last = "none";
        for (int attempt = 1; attempt <= Attempts; attempt++)
        {
            HostAnswer page = await cluster.SendAsync(url => new HttpRequestMessage(HttpMethod.Get, new Uri(url, $"/approvals/{token}")), cancellationToken);
            IHtmlDocument document = await parser.ParseDocumentAsync(page.Body, cancellationToken);
            last = Name(document);
            if (last != "confirm")
            {
                this.Count(last);
                if (Done.Contains(last))
                {
                    return last;
                }

                cluster.Find($"{what}: opening the link gave the page '{last}' ({(int)page.Status}), attempt {attempt}");
                await Task.Delay(TimeSpan.FromSeconds(attempt), cancellationToken);
                continue;
            }

            IHtmlFormElement form = document.Forms.Single();
            var fields = form.Elements.OfType<IHtmlInputElement>().Where(i => i.Type == "hidden").Select(i => KeyValuePair.Create(i.Name ?? string.Empty, i.Value)).ToList();
            fields.Add(KeyValuePair.Create("comment", "Decided by the chaos soak."));
            string action = form.GetAttribute("action") ?? $"/approvals/{token}";
            string cookies = string.Join("; ", page.Cookies);
            HostAnswer confirmed = await cluster.SendAsync(
                url =>
                {
                    var post = new HttpRequestMessage(HttpMethod.Post, new Uri(url, action)) { Content = new FormUrlEncodedContent(fields) };
                    post.Headers.TryAddWithoutValidation("Cookie", cookies);
                    return post;
                },
                cancellationToken);
            last = Name(await parser.ParseDocumentAsync(confirmed.Body, cancellationToken));
            this.Count(last);
            if (Done.Contains(last))
            {
                return last;
            }

            cluster.Find($"{what}: confirming gave the page '{last}' ({(int)confirmed.Status}), attempt {attempt}");
            await Task.Delay(TimeSpan.FromSeconds(attempt), cancellationToken);
        }

        return last;
    }

    private static string Name(IHtmlDocument document) => document.QuerySelector("main")?.GetAttribute("data-page") ?? "(no page name)";

    private void Count(string page) => this.Pages.AddOrUpdate(page, 1, (_, n) => n + 1);
}
