using System.Globalization;
using Microsoft.DurableTask;
using Workflows.Governance.Approvals;
using Workflows.Governance.Email;

namespace Workflows.Governance.Proposals;

/// <summary>Sends an approval request, reminder or escalation with one signed link per decision. Idempotent per call:
/// a redelivered or retried activity carries its call's key and does not send twice.</summary>
[DurableTask(nameof(SendApprovalEmailActivity))]
public sealed class SendApprovalEmailActivity : TaskActivity<ApprovalEmail, bool>
{
    private readonly IEmailSender sender;
    private readonly ApprovalLinks links;
    private readonly EmailComposer composer;

    /// <summary>Creates the activity.</summary>
    public SendApprovalEmailActivity(IEmailSender sender, ApprovalLinks links, EmailComposer composer)
    {
        this.sender = sender;
        this.links = links;
        this.composer = composer;
    }

    /// <inheritdoc/>
    public override async Task<bool> RunAsync(TaskActivityContext context, ApprovalEmail input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        var grant = new ApprovalGrant(input.InstanceId, input.ProposalId, input.Participant.Id, input.Role, input.Recipient.Name, input.Recipient.Email, ApprovalDecision.Approve);
        var deadline = new DateTimeOffset(DateTime.SpecifyKind(input.Deadline, DateTimeKind.Utc));
        string due = deadline.ToString("dddd d MMMM yyyy, HH:mm 'UTC'", CultureInfo.InvariantCulture);
        string title = input.Kind switch
        {
            ApprovalEmailKind.Reminder => $"Reminder {input.ReminderNumber}: decision needed on \"{input.Title}\"",
            ApprovalEmailKind.Escalation => $"Escalated to you: decision needed on \"{input.Title}\"",
            _ => $"Decision needed: \"{input.Title}\"",
        };
        EmailTemplate template = new EmailTemplate(title)
            .Paragraph($"Dear {input.Recipient.Name},")
            .Paragraph(input.Kind == ApprovalEmailKind.Escalation
                ? $"The request for {input.Participant.Name} has not been answered, so it now comes to you as deputy. Either of you may decide."
                : $"Your decision is needed for {input.Participant.Name}.")
            .Field("Proposal", input.Title)
            .Field("Summary", input.Summary)
            .Field("Decide by", due)
            .Paragraph("Each link below opens a page that shows the proposal and its papers and asks you to confirm; following a link decides nothing by itself.");
        foreach (ApprovalDecision decision in input.Decisions)
        {
            template.Link(decision.ToString(), this.links.For(grant, decision, deadline));
        }

        EmailMessage message = await this.composer.ComposeAsync(template, [new EmailAddress(input.Recipient.Email, input.Recipient.Name)]);
        await this.sender.SendAsync(message, input.IdempotencyKey, CancellationToken.None);
        return true;
    }
}
