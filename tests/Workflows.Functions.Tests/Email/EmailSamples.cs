using Microsoft.Extensions.DependencyInjection;
using Workflows.Governance.Email;

namespace Workflows.Functions.Tests.Email;

/// <summary>Messages the tests send.</summary>
public static class EmailSamples
{
    public static readonly Uri ApproveUrl = new("https://workflows.example.org/approvals/abc.DEF-123?d=approve&x=1");

    public static readonly Uri RejectUrl = new("https://workflows.example.org/approvals/abc.DEF-456?d=reject");

    /// <summary>A composer on a container with only logging, as the hosts' renderer needs.</summary>
    public static readonly EmailComposer Composer = new(new ServiceCollection().AddLogging().BuildServiceProvider());

    // The senders' tests are synchronous about their sample; the renderer runs on its own dispatcher, so blocking is safe.
    public static EmailMessage ApprovalRequest(string subject = "Decision needed: Community stroke service") =>
        Composer.ComposeAsync(
            new EmailTemplate(subject)
            .Paragraph("Dear Dr Smith,")
            .Paragraph("The congress asks your governing body to decide on this proposal.")
            .Field("Category", "Service change")
            .Link("Approve", ApproveUrl)
            .Link("Reject", RejectUrl),
            [new EmailAddress("approver@example.org", "Dr Jane Smith"), new EmailAddress("second@example.org")],
            cc: [new EmailAddress("deputy@example.org", "Mr Deputy")]).GetAwaiter().GetResult();
}
