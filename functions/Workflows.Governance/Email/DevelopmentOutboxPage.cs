using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.RegularExpressions;

namespace Workflows.Governance.Email;

/// <summary>Renders the outbox as a readable HTML page: every value HTML-encoded, each HTML body shown in a sandboxed
/// frame whose links open in a new tab, and the web addresses in each text body made links.</summary>
internal static partial class DevelopmentOutboxPage
{
    /// <summary>The sandbox of the frames showing HTML bodies: no scripts, no same origin; links may open new tabs
    /// that leave the sandbox, so that an approval page opened from one works as it would from a mail client.</summary>
    public const string FrameSandbox = "allow-popups allow-popups-to-escape-sandbox";

    private static readonly HtmlEncoder Encoder = HtmlEncoder.Default;

    /// <summary>The page listing <paramref name="messages"/>, in the order given; <paramref name="messageRoute"/> is the
    /// route of one message's HTML body, to which its id is appended.</summary>
    public static string Render(IReadOnlyList<OutboxMessage> messages, string messageRoute)
    {
        var html = new StringBuilder();
        html.Append("""
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>Development outbox</title>
            <style>
            body { font-family: system-ui, sans-serif; margin: 2rem auto; max-width: 64rem; padding: 0 1rem; color: #1b1b1b; }
            article { border: 1px solid #ccc; border-radius: 6px; padding: 1rem 1.25rem; margin: 1.25rem 0; }
            h2 { margin: 0 0 .5rem; font-size: 1.2rem; }
            dl { display: grid; grid-template-columns: max-content 1fr; gap: .2rem 1rem; margin: 0 0 .75rem; }
            dt { font-weight: 600; }
            dd { margin: 0; word-break: break-all; }
            pre { white-space: pre-wrap; word-break: break-word; background: #f6f6f6; padding: .75rem; border-radius: 4px; }
            iframe { width: 100%; height: 28rem; border: 1px solid #ddd; border-radius: 4px; background: #fff; }
            summary { cursor: pointer; font-weight: 600; margin: .5rem 0; }
            </style>
            </head>
            <body>
            <main>
            <h1>Development outbox</h1>

            """);
        html.Append(CultureInfo.InvariantCulture, $"<p>{messages.Count} message(s), newest first. Emails are kept here instead of being sent because no SendGrid API key is configured (<code>Email:SendGrid:ApiKey</code>). Ask for <code>application/json</code> to get them as JSON.</p>\n");
        if (messages.Count == 0)
        {
            html.Append("<p>The outbox is empty.</p>\n");
        }

        foreach (OutboxMessage message in messages)
        {
            AppendMessage(html, message, messageRoute);
        }

        html.Append("</main>\n</body>\n</html>\n");
        return html.ToString();
    }

    /// <summary>Makes <paramref name="html"/> open its links in a new tab when shown in a frame.</summary>
    public static string WithLinksInNewTab(string html)
    {
        const string Base = "<base target=\"_blank\">";
        Match head = HeadTag().Match(html);
        return head.Success ? html.Insert(head.Index + head.Length, Base) : Base + html;
    }

    private static void AppendMessage(StringBuilder html, OutboxMessage message, string messageRoute)
    {
        string id = Encoder.Encode(message.Id);
        html.Append(CultureInfo.InvariantCulture, $"<article id=\"message-{id}\">\n<h2>{Encoder.Encode(message.Subject)}</h2>\n<dl>\n");
        html.Append(CultureInfo.InvariantCulture, $"<dt>To</dt><dd>{Encoder.Encode(string.Join(", ", message.To))}</dd>\n");
        if (message.Cc.Count > 0)
        {
            html.Append(CultureInfo.InvariantCulture, $"<dt>Cc</dt><dd>{Encoder.Encode(string.Join(", ", message.Cc))}</dd>\n");
        }

        string sentAt = message.SentAt.ToString("O", CultureInfo.InvariantCulture);
        html.Append(CultureInfo.InvariantCulture, $"<dt>Sent</dt><dd><time datetime=\"{Encoder.Encode(sentAt)}\">{Encoder.Encode(message.SentAt.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture))}</time></dd>\n");
        html.Append(CultureInfo.InvariantCulture, $"<dt>Key</dt><dd><code>{Encoder.Encode(message.IdempotencyKey)}</code></dd>\n</dl>\n");
        html.Append(CultureInfo.InvariantCulture, $"<p><a href=\"{Encoder.Encode(messageRoute + "/" + message.Id)}\" target=\"_blank\" rel=\"noopener\">Open the HTML body on its own</a></p>\n");
        html.Append(CultureInfo.InvariantCulture, $"<details open><summary>HTML</summary>\n<iframe sandbox=\"{FrameSandbox}\" title=\"HTML body of {Encoder.Encode(message.Subject)}\" srcdoc=\"{Encoder.Encode(WithLinksInNewTab(message.Html))}\"></iframe>\n</details>\n");
        html.Append("<details open><summary>Text</summary>\n<pre>");
        AppendLinkedText(html, message.Text);
        html.Append("</pre>\n</details>\n</article>\n");
    }

    /// <summary>Appends <paramref name="text"/> encoded, with each http(s) address in it made a link.</summary>
    private static void AppendLinkedText(StringBuilder html, string text)
    {
        int position = 0;
        foreach (Match url in WebAddress().Matches(text))
        {
            html.Append(Encoder.Encode(text[position..url.Index]));
            string href = Encoder.Encode(url.Value);
            html.Append(CultureInfo.InvariantCulture, $"<a href=\"{href}\" target=\"_blank\" rel=\"noopener\">{href}</a>");
            position = url.Index + url.Length;
        }

        html.Append(Encoder.Encode(text[position..]));
    }

    // An address runs to the next space, quote or angle bracket, less any punctuation that ends the sentence around it.
    [GeneratedRegex("""https?://[^\s<>"']+(?<![.,;:!?)\]])""", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex WebAddress();

    [GeneratedRegex("<head(?:\\s[^>]*)?>", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex HeadTag();
}
