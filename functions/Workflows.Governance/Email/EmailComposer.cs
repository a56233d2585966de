using Workflows.Governance.Email.Pages;
using Workflows.Governance.Pages;

namespace Workflows.Governance.Email;

/// <summary>Turns an <see cref="EmailTemplate"/> into a message with both bodies: the template's text, and the
/// <see cref="EmailBody"/> component rendered on the server.</summary>
public sealed class EmailComposer
{
    private readonly IServiceProvider services;

    /// <summary>Creates the composer; <paramref name="services"/> gives the renderer its logging.</summary>
    public EmailComposer(IServiceProvider services)
    {
        ArgumentNullException.ThrowIfNull(services);
        this.services = services;
    }

    /// <summary>An email to <paramref name="to"/> (and <paramref name="cc"/>), whose subject is <paramref name="subject"/>
    /// or else the template's title.</summary>
    public async Task<EmailMessage> ComposeAsync(EmailTemplate template, IReadOnlyList<EmailAddress> to, string? subject = null, IReadOnlyList<EmailAddress>? cc = null)
    {
        ArgumentNullException.ThrowIfNull(template);
        ArgumentNullException.ThrowIfNull(to);
        string html = await RazorHtml.RenderAsync<EmailBody>(this.services, new Dictionary<string, object?> { [nameof(EmailBody.Template)] = template }).ConfigureAwait(false);
        return new EmailMessage
        {
            To = to,
            Cc = cc ?? [],
            Subject = subject ?? template.Title,
            TextBody = template.ToText(),
            HtmlBody = html,
        };
    }
}
