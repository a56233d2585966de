using Microsoft.DurableTask;
using Workflows.Functions.Approvals;
using Workflows.Functions.Email;

namespace Workflows.Functions.Proposals;

/// <summary>Tells the raising committee, the congress and every governing body the outcome. Idempotent per call.</summary>
[DurableTask(nameof(SendOutcomeNoticeActivity))]
public sealed class SendOutcomeNoticeActivity : TaskActivity<OutcomeNotice, bool>
{
    private readonly IEmailSender sender;
    private readonly ApprovalLinks links;

    /// <summary>Creates the activity.</summary>
    public SendOutcomeNoticeActivity(IEmailSender sender, ApprovalLinks links)
    {
        this.sender = sender;
        this.links = links;
    }

    /// <inheritdoc/>
    public override async Task<bool> RunAsync(TaskActivityContext context, OutcomeNotice input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        ProposalStatus status = input.Status;
        EmailTemplate template = new EmailTemplate($"Outcome: \"{input.Title}\" is {status.Outcome?.ToUpperInvariant()}")
            .Paragraph($"The proposal \"{input.Title}\" raised by {input.RaisingBodyName} has been decided: {status.Outcome}.")
            .Field("Proposal", input.ProposalId)
            .Field("Outcome", status.Outcome ?? "undecided");
        if (status.TierReason is { } reason)
        {
            template.Field("Tier", $"{status.Tier}: {reason}");
        }

        if (status.Bodies.Count > 0)
        {
            template.Field("Governing bodies", $"{status.Approved} approved, {status.Rejected} rejected, {status.NoResponse} no response, {status.Pending} pending");
            foreach (ParticipantStatus body in status.Bodies)
            {
                template.Field(body.Name, body.DecidedBy is null ? body.State : $"{body.State} by {body.DecidedBy}");
            }
        }

        template.Link("Decision record", this.links.Absolute($"proposals/{Uri.EscapeDataString(input.ProposalId)}/record"));
        var to = input.Recipients
            .DistinctBy(p => p.Email, StringComparer.OrdinalIgnoreCase)
            .Select(p => new EmailAddress(p.Email, p.Name))
            .ToList();
        await this.sender.SendAsync(template.ToMessage(to, subject: null, cc: null), input.IdempotencyKey, CancellationToken.None);
        return true;
    }
}
