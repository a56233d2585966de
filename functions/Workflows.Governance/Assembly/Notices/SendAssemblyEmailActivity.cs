using Microsoft.DurableTask;
using Workflows.Governance.Assembly.Links;
using Workflows.Governance.Email;

namespace Workflows.Governance.Assembly.Notices;

/// <summary>Sends one assembly email with its signed link. Idempotent per call: the key comes from the orchestrator in
/// the input, so a redelivered or retried call does not send twice.</summary>
[DurableTask(nameof(SendAssemblyEmailActivity))]
public sealed class SendAssemblyEmailActivity : TaskActivity<AssemblyEmail, bool>
{
    private readonly IEmailSender sender;
    private readonly AssemblyLinks links;
    private readonly EmailComposer composer;

    /// <summary>Creates the activity.</summary>
    public SendAssemblyEmailActivity(IEmailSender sender, AssemblyLinks links, EmailComposer composer)
    {
        this.sender = sender;
        this.links = links;
        this.composer = composer;
    }

    /// <inheritdoc/>
    public override async Task<bool> RunAsync(TaskActivityContext context, AssemblyEmail input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var template = new EmailTemplate(input.Title);
        foreach (string paragraph in input.Paragraphs)
        {
            template.Paragraph(paragraph);
        }

        foreach (EmailField field in input.Fields)
        {
            template.Field(field.Label, field.Value);
        }

        if (input.Link is { } link)
        {
            template.Paragraph("The link below is yours alone and works until the round closes; opening it changes nothing until you confirm on its page.");
            template.Link(link.Label, this.links.For(link.Grant, new DateTimeOffset(DateTime.SpecifyKind(link.Expires, DateTimeKind.Utc))));
        }

        EmailAddress[] to = [.. input.To.DistinctBy(p => p.Email, StringComparer.OrdinalIgnoreCase).Select(p => new EmailAddress(p.Email, p.Name))];
        await this.sender.SendAsync(await this.composer.ComposeAsync(template, to), input.IdempotencyKey, CancellationToken.None);
        return true;
    }
}
