using Microsoft.DurableTask;
using Workflows.Governance.Approvals;
using Workflows.Governance.Email;

namespace Workflows.Governance.Proposals;

/// <summary>Tells the raising committee, the congress and every governing body the outcome. Idempotent per call.</summary>
[DurableTask(nameof(SendOutcomeNoticeActivity))]
public sealed class SendOutcomeNoticeActivity : TaskActivity<OutcomeNotice, bool>
{
    private readonly IEmailSender sender;
    private readonly ApprovalLinks links;
    private readonly EmailComposer composer;

    /// <summary>Creates the activity.</summary>
    public SendOutcomeNoticeActivity(IEmailSender sender, ApprovalLinks links, EmailComposer composer)
    {
        this.sender = sender;
        this.links = links;
        this.composer = composer;
    }

    /// <inheritdoc/>
    public override async Task<bool> RunAsync(TaskActivityContext context, OutcomeNotice input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        ProposalStatus status = input.Status;
        EmailTemplate template = new EmailTemplate($"Outcome: \"{input.Title}\" is {status.Outcome?.ToString().ToUpperInvariant()}")
            .Paragraph($"The proposal \"{input.Title}\" raised by {input.RaisingBodyName} has been decided: {status.Outcome}.")
            .Field("Proposal", input.ProposalId)
            .Field("Outcome", status.Outcome?.ToString() ?? "undecided");
        if (status.TierReason is { } reason)
        {
            template.Field("Tier", $"{status.Tier}: {reason}");
        }

        if (status.Bodies.Count > 0)
        {
            template.Field("Governing bodies", $"{status.Approved} approved, {status.Rejected} rejected, {status.NoResponse} no response, {status.Pending} pending");
            foreach (ParticipantStatus body in status.Bodies)
            {
                template.Field(body.Name, body.DecidedBy is null ? body.State.ToString() : $"{body.State} by {body.DecidedBy}");
            }
        }

        template.Link("Decision record", this.links.Absolute($"proposals/{Uri.EscapeDataString(input.ProposalId)}/record"));
        var to = input.Recipients
            .DistinctBy(p => p.Email, StringComparer.OrdinalIgnoreCase)
            .Select(p => new EmailAddress(p.Email, p.Name))
            .ToList();
        await this.sender.SendAsync(await this.composer.ComposeAsync(template, to), input.IdempotencyKey, CancellationToken.None);
        return true;
    }
}
