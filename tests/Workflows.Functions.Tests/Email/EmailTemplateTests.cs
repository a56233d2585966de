using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using Workflows.Governance.Email;

namespace Workflows.Functions.Tests.Email;

public sealed class EmailTemplateTests
{
    private static readonly Uri Approve = new("https://workflows.example.org/approvals/t1?a=1&b=2");
    private static readonly Uri Reject = new("https://workflows.example.org/approvals/t2");

    [Fact]
    public void The_text_body_has_the_title_paragraphs_and_each_field_and_link_on_its_own_Label_colon_line()
    {
        string text = new EmailTemplate("Decision needed")
            .Paragraph("Dear Dr Smith,")
            .Paragraph("Line one\r\nline two")
            .Field("Category", "Service change")
            .Field("Value", "£1,200,000")
            .Link("Approve", Approve)
            .Link("Reject", Reject)
            .Paragraph("Thank you.")
            .ToText();

        Assert.Equal(
            "Decision needed\n\nDear Dr Smith,\n\nLine one\nline two\n\nCategory: Service change\nValue: £1,200,000\n\n"
            + $"Approve: {Approve.AbsoluteUri}\nReject: {Reject.AbsoluteUri}\n\nThank you.\n",
            text);
    }

    [Fact]
    public async Task The_html_body_encodes_every_value_and_links_each_label_to_its_address()
    {
        const string Hostile = "<img src=x onerror=alert(1)> & \"quoted\"";
        string html = await HtmlAsync(new EmailTemplate("Title " + Hostile)
            .Paragraph("Para " + Hostile + "\nsecond line")
            .Field("Label " + Hostile, "Value " + Hostile)
            .Link("Approve " + Hostile, Approve)
            .Link("Reject", Reject));

        Assert.DoesNotContain("<img", html, StringComparison.Ordinal);
        IDocument document = new HtmlParser().ParseDocument(html);
        Assert.Empty(document.QuerySelectorAll("img"));
        Assert.Equal("Title " + Hostile, document.Title);
        Assert.Equal("Title " + Hostile, document.QuerySelector("h1")!.TextContent);
        Assert.Contains(document.QuerySelectorAll("p"), p => p.InnerHtml.Contains("<br>", StringComparison.Ordinal) && p.TextContent == "Para " + Hostile + "second line");
        Assert.Equal("Label " + Hostile, document.QuerySelector("th")!.TextContent);
        Assert.Equal("Value " + Hostile, document.QuerySelector("td")!.TextContent);
        IElement[] links = [.. document.QuerySelectorAll("a")];
        Assert.Equal([Approve.AbsoluteUri, Reject.AbsoluteUri], links.Select(a => a.GetAttribute("href")));
        Assert.Equal(["Approve " + Hostile, "Reject"], links.Select(a => a.TextContent));
        Assert.Contains("href=\"https://workflows.example.org/approvals/t1?a=1&amp;b=2\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_html_body_groups_consecutive_fields_in_one_table_and_consecutive_links_in_one_paragraph()
    {
        string html = await HtmlAsync(new EmailTemplate("Decision needed")
            .Paragraph("Dear Dr Smith,")
            .Field("Proposal", "Stroke service")
            .Field("Decide by", "Friday")
            .Paragraph("Between the fields and the links.")
            .Field("Summary", "One more")
            .Link("Approve", Approve)
            .Link("Reject", Reject));

        IDocument document = new HtmlParser().ParseDocument(html);
        IElement[] tables = [.. document.QuerySelectorAll("table")];
        Assert.Equal([2, 1], tables.Select(t => t.QuerySelectorAll("tr").Length));
        IElement buttons = Assert.Single(document.QuerySelectorAll("p"), p => p.QuerySelector("a") is not null);
        Assert.Equal(2, buttons.QuerySelectorAll("a").Length);
        Assert.Equal(["Dear Dr Smith,", "Between the fields and the links."], document.QuerySelectorAll("p").Where(p => p.QuerySelector("a") is null).Select(p => p.TextContent));
        Assert.Empty(document.QuerySelectorAll("script, style, link"));
    }

    [Fact]
    public async Task Links_must_be_absolute_http_or_https_and_labels_one_line()
    {
        var template = new EmailTemplate("t");

        Assert.Throws<ArgumentException>(() => template.Link("Click", new Uri("javascript:alert(1)")));
        Assert.Throws<ArgumentException>(() => template.Link("Click", new Uri("/relative", UriKind.Relative)));
        Assert.Throws<ArgumentException>(() => template.Link("Approve\nEvil: https://evil.example", Approve));
        Assert.Throws<ArgumentException>(() => new EmailTemplate("two\nlines"));
        Assert.DoesNotContain("javascript", template.ToText() + await HtmlAsync(template), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ComposeAsync_carries_both_bodies_and_takes_the_title_as_the_subject_unless_given_one()
    {
        EmailTemplate template = new EmailTemplate("Reminder: decision needed").Link("Approve", Approve);
        var to = new EmailAddress("approver@example.org", "Dr Smith");

        EmailMessage message = await EmailSamples.Composer.ComposeAsync(template, [to]);
        EmailMessage other = await EmailSamples.Composer.ComposeAsync(template, [to], subject: "Other subject", cc: [new EmailAddress("deputy@example.org")]);

        Assert.Equal("Reminder: decision needed", message.Subject);
        Assert.Equal([to], message.To);
        Assert.Empty(message.Cc);
        Assert.Equal(template.ToText(), message.TextBody);
        Assert.Equal(await HtmlAsync(template), message.HtmlBody);
        Assert.StartsWith("<!DOCTYPE html>", message.HtmlBody, StringComparison.Ordinal);
        Assert.Equal("Other subject", other.Subject);
        Assert.Equal("deputy@example.org", Assert.Single(other.Cc).Address);
    }

    private static async Task<string> HtmlAsync(EmailTemplate template) =>
        (await EmailSamples.Composer.ComposeAsync(template, [new EmailAddress("someone@example.org")])).HtmlBody;
}
