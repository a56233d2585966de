namespace Workflows.Governance.Email;

/// <summary>An email stored in the <see cref="DevelopmentOutbox"/>; its JSON form is what <c>GET /dev/outbox</c> lists.</summary>
/// <param name="Id">The message's id: 32 lowercase hex digits derived from its idempotency key.</param>
/// <param name="To">The recipients' addresses.</param>
/// <param name="Cc">The addresses in copy.</param>
/// <param name="Subject">The subject line.</param>
/// <param name="Text">The plain-text body.</param>
/// <param name="Html">The HTML body.</param>
/// <param name="SentAt">When it was stored.</param>
/// <param name="IdempotencyKey">The key it was sent with, such as <c>"{instanceId}:{taskId}"</c>.</param>
public sealed record OutboxMessage(
    string Id,
    IReadOnlyList<string> To,
    IReadOnlyList<string> Cc,
    string Subject,
    string Text,
    string Html,
    DateTimeOffset SentAt,
    string IdempotencyKey);
