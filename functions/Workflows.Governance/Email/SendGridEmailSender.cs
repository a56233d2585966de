using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;
using SendGrid;
using SendGrid.Helpers.Mail;
using SendGridAddress = SendGrid.Helpers.Mail.EmailAddress;

namespace Workflows.Governance.Email;

/// <summary>Sends emails through SendGrid's mail send API (<c>POST {BaseUrl}/v3/mail/send</c>) with a text and an HTML
/// part, from the configured sender, with click tracking off so that links reach recipients as written.</summary>
/// <remarks>Not idempotent by itself: <see cref="EmailServiceCollectionExtensions.AddEmail"/> wraps it in the ledger.</remarks>
public sealed class SendGridEmailSender : IEmailSender
{
    /// <summary>The name of the <see cref="HttpClient"/> this sender asks the <see cref="IHttpClientFactory"/> for.</summary>
    public const string HttpClientName = "SendGrid";

    private const int MaxErrorDetailLength = 500;

    private readonly IHttpClientFactory httpClientFactory;
    private readonly IOptions<EmailOptions> options;
    private readonly ILogger<SendGridEmailSender> logger;

    /// <summary>Creates the sender.</summary>
    public SendGridEmailSender(IHttpClientFactory httpClientFactory, IOptions<EmailOptions> options, ILogger<SendGridEmailSender> logger)
    {
        ArgumentNullException.ThrowIfNull(httpClientFactory);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(logger);
        this.httpClientFactory = httpClientFactory;
        this.options = options;
        this.logger = logger;
    }

    /// <inheritdoc/>
    /// <exception cref="EmailDeliveryException">SendGrid answered with a non-success status (<see
    /// cref="EmailDeliveryException.IsPermanent"/> for a 4xx other than 408, 409, 425 and 429) or could not be reached.</exception>
    public async Task SendAsync(EmailMessage message, string idempotencyKey, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentException.ThrowIfNullOrWhiteSpace(idempotencyKey);
        message.Validate();
        EmailOptions settings = this.options.Value;
        string apiKey = string.IsNullOrWhiteSpace(settings.SendGrid.ApiKey)
            ? throw new InvalidOperationException("Email:SendGrid:ApiKey is not configured.")
            : settings.SendGrid.ApiKey;
        string fromAddress = string.IsNullOrWhiteSpace(settings.FromAddress)
            ? throw new InvalidOperationException("Email:FromAddress is not configured.")
            : settings.FromAddress;

        var client = new SendGridClient(
            this.httpClientFactory.CreateClient(HttpClientName),
            new SendGridClientOptions { ApiKey = apiKey, Host = settings.SendGrid.BaseUrl.AbsoluteUri.TrimEnd('/') });
        SendGridMessage mail = CreateMail(message, new SendGridAddress(fromAddress, string.IsNullOrWhiteSpace(settings.FromName) ? null : settings.FromName));

        Response response;
        try
        {
            response = await client.SendEmailAsync(mail, cancellationToken);
        }
        catch (HttpRequestException ex)
        {
            EmailLog.SendGridUnreachable(this.logger, idempotencyKey, ex);
            throw new EmailDeliveryException($"SendGrid could not be reached at {settings.SendGrid.BaseUrl}: {ex.Message}", null, isPermanent: false, ex);
        }
        catch (TaskCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            EmailLog.SendGridUnreachable(this.logger, idempotencyKey, ex);
            throw new EmailDeliveryException($"SendGrid did not answer in time at {settings.SendGrid.BaseUrl}.", null, isPermanent: false, ex);
        }

        int status = (int)response.StatusCode;
        if (!response.IsSuccessStatusCode)
        {
            bool permanent = IsPermanent(response.StatusCode);
            string detail = await ReadErrorDetailAsync(response, apiKey, cancellationToken);
            EmailLog.SendGridRefused(this.logger, idempotencyKey, status, permanent);
            throw new EmailDeliveryException(
                $"SendGrid refused the email with {status} {response.StatusCode}{detail}{(permanent ? " (sending it again will not help)" : string.Empty)}.",
                status,
                permanent);
        }

        int recipients = mail.Personalizations.Sum(p => (p.Tos?.Count ?? 0) + (p.Ccs?.Count ?? 0));
        EmailLog.SentThroughSendGrid(this.logger, idempotencyKey, recipients, status);
    }

    private static SendGridMessage CreateMail(EmailMessage message, SendGridAddress from)
    {
        var mail = new SendGridMessage
        {
            From = from,
            Subject = message.Subject,
            PlainTextContent = message.TextBody,
            HtmlContent = message.HtmlBody,
        };

        // SendGrid rejects an address that appears twice among a message's recipients.
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        mail.AddTos([.. message.To.Where(a => seen.Add(a.Address)).Select(ToSendGrid)]);
        List<SendGridAddress> cc = [.. message.Cc.Where(a => seen.Add(a.Address)).Select(ToSendGrid)];
        if (cc.Count > 0)
        {
            mail.AddCcs(cc);
        }

        // Click tracking would rewrite every link (approval links included) through SendGrid's redirector.
        mail.SetClickTracking(false, false);
        return mail;
    }

    private static SendGridAddress ToSendGrid(EmailAddress address) =>
        new(address.Address, string.IsNullOrWhiteSpace(address.DisplayName) ? null : address.DisplayName);

    private static bool IsPermanent(HttpStatusCode status) =>
        (int)status is >= 400 and < 500
        && status is not (HttpStatusCode.RequestTimeout or HttpStatusCode.Conflict or (HttpStatusCode)425 or HttpStatusCode.TooManyRequests);

    /// <summary>SendGrid's error messages (<c>{"errors":[{"message","field"}]}</c>), or the start of a body of another
    /// shape, with the API key redacted should it ever be echoed.</summary>
    private static async Task<string> ReadErrorDetailAsync(Response response, string apiKey, CancellationToken cancellationToken)
    {
        string body;
        try
        {
            body = response.Body is null ? string.Empty : await response.Body.ReadAsStringAsync(cancellationToken);
        }
        catch (HttpRequestException)
        {
            return string.Empty;
        }

        var detail = new StringBuilder();
        try
        {
            using JsonDocument json = JsonDocument.Parse(body);
            if (json.RootElement.ValueKind == JsonValueKind.Object
                && json.RootElement.TryGetProperty("errors", out JsonElement errors)
                && errors.ValueKind == JsonValueKind.Array)
            {
                foreach (JsonElement error in errors.EnumerateArray())
                {
                    string? text = error.ValueKind == JsonValueKind.Object && error.TryGetProperty("message", out JsonElement m) ? m.ToString() : error.ToString();
                    string? field = error.ValueKind == JsonValueKind.Object && error.TryGetProperty("field", out JsonElement f) && f.ValueKind == JsonValueKind.String ? f.GetString() : null;
                    detail.Append(detail.Length == 0 ? ": " : "; ").Append(text);
                    if (!string.IsNullOrEmpty(field))
                    {
                        detail.Append(" (field ").Append(field).Append(')');
                    }
                }
            }
        }
        catch (JsonException)
        {
        }

        if (detail.Length == 0 && !string.IsNullOrWhiteSpace(body))
        {
            detail.Append(": ").Append(body.Trim());
        }

        // Redacted before truncating, so that no part of the key can survive the cut.
        string result = detail.ToString().Replace(apiKey, "[redacted]", StringComparison.Ordinal);
        return result.Length > MaxErrorDetailLength ? string.Concat(result.AsSpan(0, MaxErrorDetailLength), "...") : result;
    }
}
