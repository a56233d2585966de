using System.Text.RegularExpressions;
using Workflows.Governance.Email.Pages;
using Workflows.Governance.Pages;

namespace Workflows.Governance.Email;

/// <summary>The outbox as a readable HTML page (the Razor component <see cref="OutboxPage"/>): every value encoded by Razor, each HTML body shown in a sandboxed
/// frame whose links open in a new tab, and the web addresses in each text body made links.</summary>
internal static partial class DevelopmentOutboxPage
{
    /// <summary>The sandbox of the frames showing HTML bodies: no scripts, no same origin; links may open new tabs
    /// that leave the sandbox, so that an approval page opened from one works as it would from a mail client.</summary>
    public const string FrameSandbox = "allow-popups allow-popups-to-escape-sandbox";

    /// <summary>The page's stylesheet. The page sends its own policy (<see cref="ContentSecurityPolicy"/>): the
    /// frames show email bodies with their own inline styles.</summary>
    public static readonly PageStylesheet Stylesheet = new("""
        body { font-family: system-ui, sans-serif; margin: 2rem auto; max-width: 64rem; padding: 0 1rem; color: #1b1b1b; }
        article { border: 1px solid #ccc; border-radius: 6px; padding: 1rem 1.25rem; margin: 1.25rem 0; }
        h2 { margin: 0 0 .5rem; font-size: 1.2rem; }
        dl { display: grid; grid-template-columns: max-content 1fr; gap: .2rem 1rem; margin: 0 0 .75rem; }
        dt { font-weight: 600; }
        dd { margin: 0; word-break: break-all; }
        pre { white-space: pre-wrap; word-break: break-word; background: #f6f6f6; padding: .75rem; border-radius: 4px; }
        iframe { width: 100%; height: 28rem; border: 1px solid #ddd; border-radius: 4px; background: #fff; }
        summary { cursor: pointer; font-weight: 600; margin: .5rem 0; }
        """);

    /// <summary>The page's Content-Security-Policy: no script, no plugin, no framing of the page itself.</summary>
    public const string ContentSecurityPolicy = "script-src 'none'; object-src 'none'; frame-ancestors 'none'";

    /// <summary>The page listing <paramref name="messages"/>, in the order given; <paramref name="messageRoute"/> is the
    /// route of one message's HTML body, to which its id is appended.</summary>
    public static RazorPageResult<OutboxPage> Render(IReadOnlyList<OutboxMessage> messages, string messageRoute) => new(
        new Dictionary<string, object?> { [nameof(OutboxPage.Messages)] = messages, [nameof(OutboxPage.MessageRoute)] = messageRoute },
        StatusCodes.Status200OK,
        ContentSecurityPolicy);

    /// <summary>Makes <paramref name="html"/> open its links in a new tab when shown in a frame.</summary>
    public static string WithLinksInNewTab(string html)
    {
        const string Base = "<base target=\"_blank\">";
        Match head = HeadTag().Match(html);
        return head.Success ? html.Insert(head.Index + head.Length, Base) : Base + html;
    }

    /// <summary><paramref name="text"/> cut into plain runs and the http(s) addresses in it (<c>Link</c> true).</summary>
    public static IEnumerable<(string Text, bool Link)> Segments(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        int position = 0;
        foreach (Match url in WebAddress().Matches(text))
        {
            yield return (text[position..url.Index], false);
            yield return (url.Value, true);
            position = url.Index + url.Length;
        }

        yield return (text[position..], false);
    }

    // An address runs to the next space, quote or angle bracket, less any punctuation that ends the sentence around it.
    [GeneratedRegex("""https?://[^\s<>"']+(?<![.,;:!?)\]])""", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex WebAddress();

    [GeneratedRegex("<head(?:\\s[^>]*)?>", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex HeadTag();
}
