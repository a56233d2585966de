using Microsoft.DurableTask;
using Workflows.Governance.Proposals;

namespace Workflows.Functions.Tests.Proposals.Replay;

/// <summary>A ProposalOrchestrator changed the way a careless edit would: it writes a record before asking the
/// committee. Instances in flight must not replay with it.</summary>
public sealed class ChangedProposalOrchestrator : TaskOrchestrator<ProposalInput, ProposalStatus>
{
    public override async Task<ProposalStatus> RunAsync(TaskOrchestrationContext context, ProposalInput input)
    {
        await context.CallActivityAsync<string>(nameof(WriteDecisionRecordActivity), input.Id);
        return await new ProposalOrchestrator().RunAsync(context, input);
    }
}
