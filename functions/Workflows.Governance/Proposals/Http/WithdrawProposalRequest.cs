namespace Workflows.Governance.Proposals.Http;

/// <summary>The JSON body of <c>POST /api/proposals/{id}/withdraw</c>.</summary>
public sealed record WithdrawProposalRequest
{
    /// <summary>Why the proposal is withdrawn (required).</summary>
    public string? Reason { get; init; }

    /// <summary>Who withdraws it.</summary>
    public string? By { get; init; }
}
