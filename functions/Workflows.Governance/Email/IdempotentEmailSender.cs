namespace Workflows.Governance.Email;

/// <summary>Gives any transport the at-most-once-per-key contract of <see cref="IEmailSender"/>: a key marked sent in the
/// <see cref="IEmailLedger"/> is not sent again, and a key is marked only once its transport accepted the email.</summary>
/// <remarks>Sends of one key wait for each other within the process; across processes, the one that claims the key
/// sends, and another finding the claim live fails with a transient <see cref="EmailDeliveryException"/> (its activity
/// retries, and then finds the key sent). A crash between the transport's acceptance and the mark leaves the key
/// unmarked, so once the claim lapses that narrow window sends again rather than losing an email.</remarks>
internal sealed class IdempotentEmailSender : IEmailSender, IDisposable
{
    /// <summary>How long a claim keeps other senders off a key: twice the slowest transport's timeout (SendGrid's), so a
    /// live send always finishes inside its claim, yet a claim left by a process that died mid-send lapses before its
    /// activity's second retry (30 s, then 60 s later) instead of holding the email back for minutes.</summary>
    public static readonly TimeSpan ClaimLease = EmailServiceCollectionExtensions.SendGridTimeout * 2;

    private readonly SemaphoreSlim[] stripes = [.. Enumerable.Range(0, 16).Select(_ => new SemaphoreSlim(1, 1))];
    private readonly IEmailLedger ledger;
    private readonly ILogger<IdempotentEmailSender> logger;

    public IdempotentEmailSender(IEmailSender inner, IEmailLedger ledger, ILogger<IdempotentEmailSender> logger)
    {
        ArgumentNullException.ThrowIfNull(inner);
        ArgumentNullException.ThrowIfNull(ledger);
        ArgumentNullException.ThrowIfNull(logger);
        this.Inner = inner;
        this.ledger = ledger;
        this.logger = logger;
    }

    /// <summary>The transport that sends.</summary>
    public IEmailSender Inner { get; }

    /// <inheritdoc/>
    public async Task SendAsync(EmailMessage message, string idempotencyKey, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentException.ThrowIfNullOrWhiteSpace(idempotencyKey);
        message.Validate();

        SemaphoreSlim stripe = this.stripes[(StringComparer.Ordinal.GetHashCode(idempotencyKey) & int.MaxValue) % this.stripes.Length];
        await stripe.WaitAsync(cancellationToken);
        try
        {
            EmailLedgerClaim claim = await this.ledger.TryClaimAsync(idempotencyKey, ClaimLease, cancellationToken);
            switch (claim.Outcome)
            {
                case EmailLedgerClaimOutcome.AlreadySent:
                    EmailLog.AlreadySent(this.logger, idempotencyKey);
                    return;
                case EmailLedgerClaimOutcome.HeldElsewhere:
                    EmailLog.HeldElsewhere(this.logger, idempotencyKey);
                    throw new EmailDeliveryException(
                        $"Email {idempotencyKey} is being sent by another instance; try again once its claim ends.", statusCode: null, isPermanent: false);
            }

            try
            {
                await this.Inner.SendAsync(message, idempotencyKey, cancellationToken);
            }
            catch
            {
                await this.ledger.ReleaseAsync(claim, CancellationToken.None);
                throw;
            }

            // The email is out: record it even if the caller has given up meanwhile, or its retry would send it again.
            await this.ledger.MarkSentAsync(claim, CancellationToken.None);
        }
        finally
        {
            stripe.Release();
        }
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        foreach (SemaphoreSlim stripe in this.stripes)
        {
            stripe.Dispose();
        }
    }
}
