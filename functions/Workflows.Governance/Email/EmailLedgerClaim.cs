namespace Workflows.Governance.Email;

/// <summary>The answer to a claim of <see cref="IdempotencyKey"/>; <see cref="Token"/> names the caller's claim to the
/// ledger that gave it (empty unless <see cref="Outcome"/> is <see cref="EmailLedgerClaimOutcome.Claimed"/>).</summary>
public sealed record EmailLedgerClaim(string IdempotencyKey, EmailLedgerClaimOutcome Outcome, string Token)
{
    /// <summary>Whether the caller holds the key.</summary>
    public bool IsClaimed => this.Outcome == EmailLedgerClaimOutcome.Claimed;
}
