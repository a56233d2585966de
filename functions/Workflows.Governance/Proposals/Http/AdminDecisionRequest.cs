namespace Workflows.Governance.Proposals.Http;

/// <summary>The JSON body of <c>POST /api/proposals/{id}/bodies/{bodyId}/decision</c>.</summary>
public sealed record AdminDecisionRequest
{
    /// <summary>Approve or Reject; the congress may also Refer.</summary>
    public string? Decision { get; init; }

    /// <summary>Why the admin records it (required), kept as the decision's comment.</summary>
    public string? Reason { get; init; }

    /// <summary>The admin's name, recorded as "admin: {by}".</summary>
    public string? By { get; init; }
}
