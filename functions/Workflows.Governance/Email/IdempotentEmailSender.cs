namespace Workflows.Governance.Email;

/// <summary>Gives any transport the at-most-once-per-key contract of <see cref="IEmailSender"/>: a key recorded in the
/// <see cref="EmailLedger"/> is not sent again, and a key is recorded only once its transport accepted the email.</summary>
/// <remarks>Sends of one key are serialized within the process. A crash between the transport's acceptance and the
/// record leaves the key unrecorded, so that narrow window sends again rather than losing an email.</remarks>
internal sealed class IdempotentEmailSender : IEmailSender, IDisposable
{
    private readonly SemaphoreSlim[] stripes = [.. Enumerable.Range(0, 16).Select(_ => new SemaphoreSlim(1, 1))];
    private readonly EmailLedger ledger;
    private readonly ILogger<IdempotentEmailSender> logger;

    public IdempotentEmailSender(IEmailSender inner, EmailLedger ledger, ILogger<IdempotentEmailSender> logger)
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
            if (await this.ledger.ContainsAsync(idempotencyKey, cancellationToken))
            {
                EmailLog.AlreadySent(this.logger, idempotencyKey);
                return;
            }

            await this.Inner.SendAsync(message, idempotencyKey, cancellationToken);

            // The email is out: record it even if the caller has given up meanwhile, or its retry would send it again.
            await this.ledger.RecordAsync(idempotencyKey, CancellationToken.None);
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
