namespace Workflows.Governance.Email;

/// <summary>The email components' log messages: keys, counts and status codes, never credentials or bodies.</summary>
internal static partial class EmailLog
{
    [LoggerMessage(EventId = 300, Level = LogLevel.Information, Message = "Email {IdempotencyKey} sent through SendGrid to {RecipientCount} recipient(s): {StatusCode}.")]
    public static partial void SentThroughSendGrid(ILogger logger, string idempotencyKey, int recipientCount, int statusCode);

    [LoggerMessage(EventId = 301, Level = LogLevel.Warning, Message = "SendGrid refused email {IdempotencyKey} with {StatusCode} (permanent: {IsPermanent}).")]
    public static partial void SendGridRefused(ILogger logger, string idempotencyKey, int statusCode, bool isPermanent);

    [LoggerMessage(EventId = 302, Level = LogLevel.Warning, Message = "SendGrid could not be reached for email {IdempotencyKey}.")]
    public static partial void SendGridUnreachable(ILogger logger, string idempotencyKey, Exception exception);

    [LoggerMessage(EventId = 303, Level = LogLevel.Information, Message = "Email {IdempotencyKey} stored in the development outbox as {MessageId}.")]
    public static partial void StoredInOutbox(ILogger logger, string idempotencyKey, string messageId);

    [LoggerMessage(EventId = 304, Level = LogLevel.Information, Message = "Email {IdempotencyKey} was already sent; not sending it again.")]
    public static partial void AlreadySent(ILogger logger, string idempotencyKey);

    [LoggerMessage(EventId = 305, Level = LogLevel.Warning, Message = "Outbox file {Path} is unreadable and is left out of the outbox.")]
    public static partial void UnreadableOutboxFile(ILogger logger, string path, Exception exception);

    [LoggerMessage(EventId = 306, Level = LogLevel.Information, Message = "No SendGrid API key is configured (Email:SendGrid:ApiKey): emails go to the development outbox in {Folder}, shown at {Route}. Anyone who can reach this service can read them and follow their links.")]
    public static partial void OutboxActive(ILogger logger, string folder, string route);

    [LoggerMessage(EventId = 307, Level = LogLevel.Information, Message = "Email {IdempotencyKey} is being sent by another instance; not sending it now.")]
    public static partial void HeldElsewhere(ILogger logger, string idempotencyKey);
}
