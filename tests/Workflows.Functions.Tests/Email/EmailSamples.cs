using Workflows.Governance.Email;

namespace Workflows.Functions.Tests.Email;

/// <summary>Messages the tests send.</summary>
public static class EmailSamples
{
    public static readonly Uri ApproveUrl = new("https://workflows.example.org/approvals/abc.DEF-123?d=approve&x=1");

    public static readonly Uri RejectUrl = new("https://workflows.example.org/approvals/abc.DEF-456?d=reject");

    public static EmailMessage ApprovalRequest(string subject = "Decision needed: Community stroke service") =>
        new EmailTemplate(subject)
            .Paragraph("Dear Dr Smith,")
            .Paragraph("The congress asks your governing body to decide on this proposal.")
            .Field("Category", "Service change")
            .Link("Approve", ApproveUrl)
            .Link("Reject", RejectUrl)
            .ToMessage(
                [new EmailAddress("approver@example.org", "Dr Jane Smith"), new EmailAddress("second@example.org")],
                cc: [new EmailAddress("deputy@example.org", "Mr Deputy")]);
}
