namespace Workflows.Governance.Email;

/// <summary>What claiming an idempotency key found.</summary>
public enum EmailLedgerClaimOutcome
{
    /// <summary>The caller holds the key and sends the email.</summary>
    Claimed,

    /// <summary>The email was sent already.</summary>
    AlreadySent,

    /// <summary>Another sender holds a live claim on the key.</summary>
    HeldElsewhere,
}
