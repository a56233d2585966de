namespace Workflows.Governance.Proposals.Http;

/// <summary>The JSON body of <c>POST /api/proposals/{id}/deadline</c>.</summary>
public sealed record ExtendDeadlineRequest
{
    /// <summary>The new deadline, an ISO 8601 date and time such as <c>2026-04-01T17:00:00Z</c> (UTC when it has no
    /// offset); later than the current one.</summary>
    public string? Deadline { get; init; }

    /// <summary>Who extends it.</summary>
    public string? By { get; init; }
}
