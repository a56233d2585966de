namespace Workflows.Functions.Email;

/// <summary>Sends emails, at most once per idempotency key.</summary>
public interface IEmailSender
{
    /// <summary>Sends <paramref name="message"/> unless an email with the same <paramref name="idempotencyKey"/> was
    /// already sent, in this process or an earlier one.</summary>
    /// <param name="message">The email.</param>
    /// <param name="idempotencyKey">What identifies this send across retries: an activity passes
    /// <c>"{InstanceId}:{TaskId}"</c> of its <see cref="Workflows.Durable.TaskActivityContext"/>.</param>
    /// <param name="cancellationToken">Cancels the send.</param>
    /// <exception cref="EmailDeliveryException">The transport refused or could not be reached; nothing was recorded as
    /// sent, so a retry sends.</exception>
    Task SendAsync(EmailMessage message, string idempotencyKey, CancellationToken cancellationToken);
}
