namespace Workflows.Governance.Assembly.Http;

/// <summary>The JSON body of <c>POST /api/assembly/work-programme/{id}/members/{memberId}/interest</c>: a member's
/// interest recorded on its behalf; it replaces any earlier one.</summary>
public sealed record InterestRequest
{
    /// <summary>Group ids, most wanted first.</summary>
    public IReadOnlyList<string?>? Preferences { get; init; }

    /// <summary>Who records it; "admin" when absent.</summary>
    public string? By { get; init; }
}
