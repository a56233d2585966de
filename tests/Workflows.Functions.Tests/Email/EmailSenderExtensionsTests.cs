using NSubstitute;
using Workflows.Durable;
using Workflows.Functions.Email;

namespace Workflows.Functions.Tests.Email;

public sealed class EmailSenderExtensionsTests
{
    [Fact]
    public async Task An_activity_sends_with_its_instance_and_task_id_as_the_key()
    {
        IEmailSender sender = Substitute.For<IEmailSender>();
        EmailMessage message = EmailSamples.ApprovalRequest();

        await sender.SendAsync(message, new ActivityContext("proposal-7", 12), CancellationToken.None);

        await sender.Received(1).SendAsync(message, "proposal-7:12", CancellationToken.None);
    }

    [Fact]
    public async Task A_context_without_a_task_id_is_refused_rather_than_sharing_one_key_for_every_email()
    {
        IEmailSender sender = Substitute.For<IEmailSender>();

        InvalidOperationException failure = await Assert.ThrowsAsync<InvalidOperationException>(
            () => sender.SendAsync(EmailSamples.ApprovalRequest(), new ActivityContext("proposal-7", -1), CancellationToken.None));

        Assert.Contains("proposal-7", failure.Message, StringComparison.Ordinal);
        await sender.DidNotReceiveWithAnyArgs().SendAsync(default!, default!, default);
    }

    private sealed class ActivityContext(string instanceId, int taskId) : TaskActivityContext
    {
        public override TaskName Name => "SendApprovalRequest";

        public override string InstanceId => instanceId;

        public override int TaskId => taskId;
    }
}
