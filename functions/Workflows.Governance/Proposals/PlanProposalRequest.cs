using Workflows.Governance.Proposals.Http;

namespace Workflows.Governance.Proposals;

/// <summary>The input of <see cref="PlanProposalActivity"/>: a proposal as submitted, and the instance it started.</summary>
/// <param name="InstanceId">The orchestration's instance id, which is the proposal's id.</param>
/// <param name="Submission">The body of <c>POST /api/proposals</c>, as any Durable Functions client may have sent it.</param>
public sealed record PlanProposalRequest(string InstanceId, StartProposalRequest Submission);
