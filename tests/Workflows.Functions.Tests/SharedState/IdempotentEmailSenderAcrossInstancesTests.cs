using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using NSubstitute;
using NSubstitute.ExceptionExtensions;
using Workflows.Functions.Tests.Email;
using Workflows.Functions.Tests.Governance;
using Workflows.Governance.Email;

namespace Workflows.Functions.Tests.SharedState;

/// <summary>Two senders, as two instances of the app would have, over one ledger file: an email goes out once.</summary>
public sealed class IdempotentEmailSenderAcrossInstancesTests : IDisposable
{
    private readonly TemporaryFolder folder = new();

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        this.folder.Dispose();
    }

    [Fact]
    public async Task While_one_instance_sends_a_key_another_fails_transiently_and_its_retry_sends_nothing()
    {
        var accepted = new TaskCompletionSource();
        var entered = new TaskCompletionSource();
        IEmailSender firstTransport = Substitute.For<IEmailSender>();
        firstTransport.SendAsync(default!, default!, default).ReturnsForAnyArgs(async _ =>
        {
            entered.SetResult();
            await accepted.Task;
        });
        IEmailSender secondTransport = Substitute.For<IEmailSender>();
        using IdempotentEmailSender first = this.Sender(firstTransport);
        using IdempotentEmailSender second = this.Sender(secondTransport);

        Task sending = first.SendAsync(EmailSamples.ApprovalRequest(), "approval/p-1/alice", default);
        await entered.Task.WaitAsync(TimeSpan.FromSeconds(30));
        EmailDeliveryException busy = await Assert.ThrowsAsync<EmailDeliveryException>(() => second.SendAsync(EmailSamples.ApprovalRequest(), "approval/p-1/alice", default));
        accepted.SetResult();
        await sending;
        await second.SendAsync(EmailSamples.ApprovalRequest(), "approval/p-1/alice", default);

        Assert.False(busy.IsPermanent);
        await firstTransport.ReceivedWithAnyArgs(1).SendAsync(default!, default!, default);
        await secondTransport.DidNotReceiveWithAnyArgs().SendAsync(default!, default!, default);
    }

    [Fact]
    public async Task A_send_that_failed_on_one_instance_is_sent_by_the_next_attempt_on_another()
    {
        IEmailSender failing = Substitute.For<IEmailSender>();
        failing.SendAsync(default!, default!, default).ThrowsAsyncForAnyArgs(new EmailDeliveryException("SendGrid is unavailable.", 503, isPermanent: false));
        IEmailSender working = Substitute.For<IEmailSender>();
        using IdempotentEmailSender first = this.Sender(failing);
        using IdempotentEmailSender second = this.Sender(working);

        await Assert.ThrowsAsync<EmailDeliveryException>(() => first.SendAsync(EmailSamples.ApprovalRequest(), "approval/p-2/bob", default));
        await second.SendAsync(EmailSamples.ApprovalRequest(), "approval/p-2/bob", default);
        await first.SendAsync(EmailSamples.ApprovalRequest(), "approval/p-2/bob", default);

        await working.ReceivedWithAnyArgs(1).SendAsync(default!, default!, default);
        await failing.ReceivedWithAnyArgs(1).SendAsync(default!, default!, default);
    }

    [Fact]
    public async Task A_claim_left_by_an_instance_that_died_mid_send_holds_the_email_only_until_the_activity_retries_twice()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 4, 9, 0, 0, TimeSpan.Zero));
        using var death = new CancellationTokenSource();
        var entered = new TaskCompletionSource();
        IEmailSender dying = Substitute.For<IEmailSender>();
        dying.SendAsync(default!, default!, default).ReturnsForAnyArgs(async call =>
        {
            entered.SetResult();
            await Task.Delay(Timeout.Infinite, call.Arg<CancellationToken>());
        });
        IEmailSender working = Substitute.For<IEmailSender>();
        using IdempotentEmailSender first = this.Sender(dying, clock);
        using IdempotentEmailSender second = this.Sender(working, clock);

        // The first instance claims the key and never finishes: as far as the ledger knows, it died mid-send.
        Task<Exception?> hung = Record.ExceptionAsync(() => first.SendAsync(EmailSamples.ApprovalRequest(), "approval/p-3/carol", death.Token));
        await entered.Task.WaitAsync(TimeSpan.FromSeconds(30));

        // A send that is still within the transport's timeout keeps its claim: no second copy.
        clock.Advance(EmailServiceCollectionExtensions.SendGridTimeout);
        await Assert.ThrowsAsync<EmailDeliveryException>(() => second.SendAsync(EmailSamples.ApprovalRequest(), "approval/p-3/carol", default));

        // By the activity's second retry (30 s after the failure, then 60 s more) the dead claim has lapsed.
        clock.Advance(TimeSpan.FromSeconds(90) - EmailServiceCollectionExtensions.SendGridTimeout);
        await second.SendAsync(EmailSamples.ApprovalRequest(), "approval/p-3/carol", default);

        await working.ReceivedWithAnyArgs(1).SendAsync(default!, default!, default);
        await death.CancelAsync();
        Assert.IsAssignableFrom<OperationCanceledException>(await hung);
    }

    private IdempotentEmailSender Sender(IEmailSender transport, TimeProvider? clock = null) =>
        new(transport, new SqliteEmailLedger(Path.Combine(this.folder.Path, SqliteEmailLedger.FileName), clock ?? TimeProvider.System), NullLogger<IdempotentEmailSender>.Instance);
}
