namespace Workflows.Durable.Storage;

/// <summary>A claim on a piece of work: who holds it, with which token, until when.</summary>
/// <param name="Owner">The worker that holds the lock.</param>
/// <param name="Token">A value unique to this claim, so that a later claim by the same worker is told apart.</param>
/// <param name="ExpiresAt">When the lock lapses unless renewed.</param>
public sealed record WorkLock(string Owner, string Token, DateTimeOffset ExpiresAt);
