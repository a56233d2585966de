using System.Text;

namespace Workflows.Governance.Email;

/// <summary>Describes an email once: a title, then paragraphs, labelled fields and labelled links in order. Its text body
/// has each field and link on its own line as <c>Label: value</c>, such as <c>Approve: https://...</c>; its HTML body is
/// the <see cref="Pages.EmailBody"/> component, rendered by <see cref="EmailComposer"/>.</summary>
/// <example><code>
/// EmailTemplate template = new EmailTemplate("Decision needed: Community stroke service")
///     .Paragraph("Dear Dr Smith,")
///     .Paragraph("The congress asks your governing body to decide on this proposal by 12 June.")
///     .Field("Category", "Service change")
///     .Link("Approve", approveUrl)
///     .Link("Reject", rejectUrl);
/// EmailMessage message = await composer.ComposeAsync(template, [new EmailAddress("approver@example.org", "Dr Smith")]);
/// </code></example>
public sealed class EmailTemplate
{
    private readonly List<EmailTemplateBlock> blocks = [];

    /// <summary>Starts an email whose heading (and default subject) is <paramref name="title"/>.</summary>
    public EmailTemplate(string title)
    {
        this.Title = SingleLine(title, nameof(title));
    }

    /// <summary>The heading, and the subject unless <see cref="EmailComposer.ComposeAsync"/> is given another.</summary>
    public string Title { get; }

    /// <summary>Adds a paragraph; its line breaks are kept.</summary>
    public EmailTemplate Paragraph(string text)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(text);
        this.blocks.Add(new EmailTemplateBlock(EmailTemplateBlockKind.Paragraph, string.Empty, text.ReplaceLineEndings("\n").Trim('\n')));
        return this;
    }

    /// <summary>Adds a labelled value: <c>Label: value</c> in the text body, a table row in the HTML body. Consecutive
    /// fields form one block.</summary>
    public EmailTemplate Field(string label, string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        this.blocks.Add(new EmailTemplateBlock(EmailTemplateBlockKind.Field, SingleLine(label, nameof(label)), value.ReplaceLineEndings(" ")));
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

        this.blocks.Add(new EmailTemplateBlock(EmailTemplateBlockKind.Link, SingleLine(label, nameof(label)), url.AbsoluteUri));
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

    /// <summary>The blocks in order, grouped as the HTML body shows them: each paragraph alone, consecutive fields in one
    /// table and consecutive links in one row of buttons.</summary>
    public IReadOnlyList<IReadOnlyList<EmailTemplateBlock>> Sections()
    {
        var sections = new List<IReadOnlyList<EmailTemplateBlock>>();
        List<EmailTemplateBlock>? current = null;
        foreach (EmailTemplateBlock block in this.blocks)
        {
            if (current is null || block.Kind == EmailTemplateBlockKind.Paragraph || current[0].Kind != block.Kind)
            {
                current = [];
                sections.Add(current);
            }

            current.Add(block);
        }

        return sections;
    }

    private static string SingleLine(string value, string parameterName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(value, parameterName);
        return value.AsSpan().ContainsAny('\r', '\n')
            ? throw new ArgumentException("The value must be a single line.", parameterName)
            : value.Trim();
    }
}
