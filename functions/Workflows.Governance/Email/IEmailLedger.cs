namespace Workflows.Governance.Email;

/// <summary>The idempotency keys of the emails sent and being sent, shared by every process that sends them: an email
/// is sent by whoever claims its key, and a key marked sent is never claimed again.</summary>
/// <remarks>Of callers racing to claim one key, exactly one gets <see cref="EmailLedgerClaimOutcome.Claimed"/>. A claim
/// lapses after its lease, so a sender that died between claiming and sending does not hold the key forever.</remarks>
public interface IEmailLedger
{
    /// <summary>Claims <paramref name="idempotencyKey"/> for <paramref name="lease"/>: claimed, already sent, or held by
    /// a live claim of another sender.</summary>
    Task<EmailLedgerClaim> TryClaimAsync(string idempotencyKey, TimeSpan lease, CancellationToken cancellationToken);

    /// <summary>Records that the email of a claimed key was sent; recording it twice is harmless.</summary>
    Task MarkSentAsync(EmailLedgerClaim claim, CancellationToken cancellationToken);

    /// <summary>Gives up a claim whose email was not sent, so that a retry can claim the key at once; a claim that
    /// lapsed and was taken by another sender meanwhile is left to that sender.</summary>
    Task ReleaseAsync(EmailLedgerClaim claim, CancellationToken cancellationToken);
}
