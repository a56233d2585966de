namespace Workflows.Functions.Email;

/// <summary>Sends emails, at most once per idempotency key.</summary>
public interface IEmailSender
{
    /// <summary>Sends <paramref name="message"/> unless an email with the same <paramref name="idempotencyKey"/> was
    /// already sent, in this process or an earlier one.</summary>
    /// <param name="message">The email.</param>
    /// <param name="idempotencyKey">What identifies this send across retries: an activity passes the key its
    /// orchestrator made for the call and put in its input, so every redelivery of the call carries the same one.</param>
    /// <param name="cancellationToken">Cancels the send.</param>
    /// <exception cref="EmailDeliveryException">The transport refused or could not be reached; nothing was recorded as
    /// sent, so a retry sends.</exception>
    Task SendAsync(EmailMessage message, string idempotencyKey, CancellationToken cancellationToken);
}
