using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;

namespace Workflows.Governance.Email;

/// <summary>Builds an email's text and HTML bodies from one description: a title, then paragraphs, labelled fields and
/// labelled links in order. Every value is HTML-encoded in the HTML body; the text body has each field and link on its own
/// line as <c>Label: value</c>, such as <c>Approve: https://...</c>.</summary>
/// <example><code>
/// EmailMessage message = new EmailTemplate("Decision needed: Community stroke service")
///     .Paragraph("Dear Dr Smith,")
///     .Paragraph("The congress asks your governing body to decide on this proposal by 12 June.")
///     .Field("Category", "Service change")
///     .Link("Approve", approveUrl)
///     .Link("Reject", rejectUrl)
///     .ToMessage([new EmailAddress("approver@example.org", "Dr Smith")]);
/// </code></example>
public sealed class EmailTemplate
{
    private const string ParagraphStyle = "margin:0 0 16px";
    private const string ButtonStyle = "display:inline-block;margin:0 8px 8px 0;padding:10px 18px;border-radius:4px;background:#005eb8;color:#ffffff;font-weight:bold;text-decoration:none";

    private static readonly HtmlEncoder Encoder = HtmlEncoder.Default;

    private readonly List<(EmailTemplateBlockKind Kind, string Label, string Value)> blocks = [];

    /// <summary>Starts an email whose heading (and default subject) is <paramref name="title"/>.</summary>
    public EmailTemplate(string title)
    {
        this.Title = SingleLine(title, nameof(title));
    }

    /// <summary>The heading, and the subject unless <see cref="ToMessage"/> is given another.</summary>
    public string Title { get; }

    /// <summary>Adds a paragraph; its line breaks are kept.</summary>
    public EmailTemplate Paragraph(string text)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(text);
        this.blocks.Add((EmailTemplateBlockKind.Paragraph, string.Empty, text.ReplaceLineEndings("\n").Trim('\n')));
        return this;
    }

    /// <summary>Adds a labelled value: <c>Label: value</c> in the text body, a table row in the HTML body. Consecutive
    /// fields form one block.</summary>
    public EmailTemplate Field(string label, string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        this.blocks.Add((EmailTemplateBlockKind.Field, SingleLine(label, nameof(label)), value.ReplaceLineEndings(" ")));
        return this;
    }

    /// <summary>Adds a link: <c>Label: https://...</c> on its own line in the text body, a button in the HTML body.
    /// Consecutive links form one block.</summary>
    /// <exception cref="ArgumentException"><paramref name="url"/> is not an absolute http or https address.</exception>
    public EmailTemplate Link(string label, Uri url)
    {
        ArgumentNullException.ThrowIfNull(url);
        if (!url.IsAbsoluteUri || (url.Scheme != Uri.UriSchemeHttps && url.Scheme != Uri.UriSchemeHttp))
        {
            throw new ArgumentException($"A link must be an absolute http or https address, but is '{url}'.", nameof(url));
        }

        this.blocks.Add((EmailTemplateBlockKind.Link, SingleLine(label, nameof(label)), url.AbsoluteUri));
        return this;
    }

    /// <summary>The plain-text body: the title, then each block separated by a blank line.</summary>
    public string ToText()
    {
        var text = new StringBuilder(this.Title).Append('\n');
        EmailTemplateBlockKind? previous = null;
        foreach ((EmailTemplateBlockKind kind, string label, string value) in this.blocks)
        {
            text.Append(kind == previous && kind != EmailTemplateBlockKind.Paragraph ? "" : "\n");
            text.Append(kind == EmailTemplateBlockKind.Paragraph ? value : $"{label}: {value}").Append('\n');
            previous = kind;
        }

        return text.ToString();
    }

    /// <summary>The HTML body: a complete document with inline styles (as mail clients need), every value encoded.</summary>
    public string ToHtml()
    {
        string title = Encoder.Encode(this.Title);
        var html = new StringBuilder();
        html.Append(CultureInfo.InvariantCulture, $"""
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>{title}</title>
            </head>
            <body style="margin:0;padding:24px;background:#ffffff;color:#1b1b1b;font-family:Arial,Helvetica,sans-serif;font-size:16px;line-height:1.5">
            <h1 style="margin:0 0 16px;font-size:22px">{title}</h1>

            """);
        for (int i = 0; i < this.blocks.Count; i++)
        {
            (EmailTemplateBlockKind kind, _, string value) = this.blocks[i];
            switch (kind)
            {
                case EmailTemplateBlockKind.Paragraph:
                    html.Append(CultureInfo.InvariantCulture, $"<p style=\"{ParagraphStyle}\">{string.Join("<br>", value.Split('\n').Select(Encoder.Encode))}</p>\n");
                    break;
                case EmailTemplateBlockKind.Field:
                    html.Append("<table role=\"presentation\" style=\"margin:0 0 16px;border-collapse:collapse\">\n");
                    for (; i < this.blocks.Count && this.blocks[i].Kind == EmailTemplateBlockKind.Field; i++)
                    {
                        html.Append(CultureInfo.InvariantCulture, $"<tr><th scope=\"row\" style=\"padding:2px 16px 2px 0;text-align:left;vertical-align:top\">{Encoder.Encode(this.blocks[i].Label)}</th><td style=\"padding:2px 0\">{Encoder.Encode(this.blocks[i].Value)}</td></tr>\n");
                    }

                    html.Append("</table>\n");
                    i--;
                    break;
                case EmailTemplateBlockKind.Link:
                    html.Append(CultureInfo.InvariantCulture, $"<p style=\"{ParagraphStyle}\">");
                    for (; i < this.blocks.Count && this.blocks[i].Kind == EmailTemplateBlockKind.Link; i++)
                    {
                        html.Append(CultureInfo.InvariantCulture, $"<a href=\"{Encoder.Encode(this.blocks[i].Value)}\" style=\"{ButtonStyle}\">{Encoder.Encode(this.blocks[i].Label)}</a>");
                    }

                    html.Append("</p>\n");
                    i--;
                    break;
            }
        }

        html.Append("</body>\n</html>\n");
        return html.ToString();
    }

    /// <summary>An email with both bodies, to <paramref name="to"/> (and <paramref name="cc"/>), whose subject is
    /// <paramref name="subject"/> or else the title.</summary>
    public EmailMessage ToMessage(IReadOnlyList<EmailAddress> to, string? subject = null, IReadOnlyList<EmailAddress>? cc = null)
    {
        ArgumentNullException.ThrowIfNull(to);
        return new EmailMessage
        {
            To = to,
            Cc = cc ?? [],
            Subject = subject ?? this.Title,
            TextBody = this.ToText(),
            HtmlBody = this.ToHtml(),
        };
    }

    private static string SingleLine(string value, string parameterName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(value, parameterName);
        return value.AsSpan().ContainsAny('\r', '\n')
            ? throw new ArgumentException("The value must be a single line.", parameterName)
            : value.Trim();
    }
}
