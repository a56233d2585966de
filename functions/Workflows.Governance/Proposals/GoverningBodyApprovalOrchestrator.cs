using Microsoft.DurableTask;

namespace Workflows.Governance.Proposals;

/// <summary>One governing body's decision on a significant proposal: the request to its approver, reminders, escalation
/// to its deputy, and "no response" at the deadline. Admin decisions, withdrawals and extended deadlines arrive as
/// events at any point. Its instance id is "{proposalId}:{bodyId}".</summary>
[DurableTask(nameof(GoverningBodyApprovalOrchestrator))]
public sealed class GoverningBodyApprovalOrchestrator : TaskOrchestrator<BodyApprovalInput, ApprovalRoundResult>
{
    /// <summary>The instance id of a body's approval within a proposal.</summary>
    public static string InstanceIdFor(string proposalId, string bodyId) => $"{proposalId}:{bodyId}";

    /// <inheritdoc/>
    public override async Task<ApprovalRoundResult> RunAsync(TaskOrchestrationContext context, BodyApprovalInput input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        await EmailKeys.AnchorAsync(context, input.StableEmailKeys);

        var email = new ApprovalEmail
        {
            InstanceId = context.InstanceId,
            ProposalId = input.ProposalId,
            Title = input.Title,
            Summary = input.Summary,
            Participant = input.Body,
            Recipient = input.Body.Approver,
            Role = input.Body.Role,
            Decisions = [ApprovalDecision.Approve, ApprovalDecision.Reject],
            Deadline = input.Deadline,
        };
        return await new ApprovalRound(context, new EventInbox(context), email, input.ReminderInterval, input.EscalateAfter, context.SetCustomStatus).RunAsync();
    }
}
