namespace Workflows.Governance.Email;

/// <summary>The <c>Email:SendGrid</c> settings.</summary>
public sealed class SendGridOptions
{
    /// <summary>SendGrid's API address unless configured otherwise.</summary>
    public static readonly Uri DefaultBaseUrl = new("https://api.sendgrid.com");

    /// <summary>The API key (<c>Email:SendGrid:ApiKey</c>); when empty, emails go to the development outbox.</summary>
    public string? ApiKey { get; set; }

    /// <summary>The API's base address (<c>Email:SendGrid:BaseUrl</c>), <c>https://api.sendgrid.com</c> by default.</summary>
    public Uri BaseUrl { get; set; } = DefaultBaseUrl;
}
