namespace Workflows.Governance.Email;

/// <summary>The <c>Email</c> settings: who emails come from, and SendGrid's when it sends them.</summary>
public sealed class EmailOptions
{
    /// <summary>The configuration section these options are bound from.</summary>
    public const string SectionName = "Email";

    /// <summary>The sender's address (<c>Email:FromAddress</c>); required when SendGrid sends.</summary>
    public string? FromAddress { get; set; }

    /// <summary>The sender's display name (<c>Email:FromName</c>).</summary>
    public string? FromName { get; set; }

    /// <summary>The SendGrid settings (<c>Email:SendGrid</c>).</summary>
    public SendGridOptions SendGrid { get; set; } = new();

    /// <summary>Whether SendGrid sends emails: true when an API key is configured; otherwise they go to the
    /// development outbox.</summary>
    public bool UsesSendGrid => !string.IsNullOrWhiteSpace(this.SendGrid?.ApiKey);
}
