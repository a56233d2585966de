using System.Net.Mail;
using Microsoft.Extensions.Options;

namespace Workflows.Governance.Email;

/// <summary>Rejects <c>Email</c> settings SendGrid could not send with, naming each key; never echoes the API key.</summary>
internal sealed class EmailOptionsValidator : IValidateOptions<EmailOptions>
{
    /// <inheritdoc/>
    public ValidateOptionsResult Validate(string? name, EmailOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (!string.IsNullOrWhiteSpace(options.FromAddress) && !MailAddress.TryCreate(options.FromAddress, out _))
        {
            failures.Add($"Email:FromAddress must be an email address, but is '{options.FromAddress}'");
        }

        if (options.UsesSendGrid)
        {
            if (string.IsNullOrWhiteSpace(options.FromAddress))
            {
                failures.Add("Email:FromAddress is required when Email:SendGrid:ApiKey is set");
            }

            Uri? baseUrl = options.SendGrid.BaseUrl;
            if (baseUrl is null || !baseUrl.IsAbsoluteUri || (baseUrl.Scheme != Uri.UriSchemeHttps && baseUrl.Scheme != Uri.UriSchemeHttp))
            {
                failures.Add($"Email:SendGrid:BaseUrl must be an absolute http or https address, but is '{baseUrl}'");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
