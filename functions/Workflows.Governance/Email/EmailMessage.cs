using System.Net.Mail;

namespace Workflows.Governance.Email;

/// <summary>An email to send, with a plain-text and an HTML body; the sender comes from configuration.</summary>
public sealed class EmailMessage
{
    /// <summary>The recipients; at least one.</summary>
    public required IReadOnlyList<EmailAddress> To { get; init; }

    /// <summary>Recipients in copy; none by default.</summary>
    public IReadOnlyList<EmailAddress> Cc { get; init; } = [];

    /// <summary>The subject line: one line, not empty.</summary>
    public required string Subject { get; init; }

    /// <summary>The plain-text body.</summary>
    public required string TextBody { get; init; }

    /// <summary>The HTML body.</summary>
    public required string HtmlBody { get; init; }

    /// <summary>Throws <see cref="ArgumentException"/> naming the first thing no transport could send.</summary>
    internal void Validate()
    {
        if (this.To is null || this.To.Count == 0)
        {
            throw new ArgumentException("An email needs at least one recipient in To.");
        }

        ValidateAddresses(this.To, nameof(this.To));
        ValidateAddresses(this.Cc ?? [], nameof(this.Cc));
        if (string.IsNullOrWhiteSpace(this.Subject) || this.Subject.AsSpan().ContainsAny('\r', '\n'))
        {
            throw new ArgumentException("An email's Subject must be one non-empty line.");
        }

        if (this.TextBody is null || this.HtmlBody is null)
        {
            throw new ArgumentException("An email needs both a TextBody and an HtmlBody.");
        }
    }

    private static void ValidateAddresses(IReadOnlyList<EmailAddress> addresses, string field)
    {
        foreach (EmailAddress? address in addresses)
        {
            if (address is null
                || !MailAddress.TryCreate(address.Address, out MailAddress? parsed)
                || !string.Equals(parsed.Address, address.Address, StringComparison.Ordinal)
                || (address.DisplayName is not null && address.DisplayName.AsSpan().ContainsAny('\r', '\n')))
            {
                throw new ArgumentException($"'{address?.Address}' in {field} is not an email address.");
            }
        }
    }
}
