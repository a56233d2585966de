using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
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

    private IdempotentEmailSender Sender(IEmailSender transport) =>
        new(transport, new SqliteEmailLedger(Path.Combine(this.folder.Path, SqliteEmailLedger.FileName), TimeProvider.System), NullLogger<IdempotentEmailSender>.Instance);
}
