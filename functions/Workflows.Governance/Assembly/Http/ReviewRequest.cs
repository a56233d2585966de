namespace Workflows.Governance.Assembly.Http;

/// <summary>The JSON body of <c>POST /api/assembly/nominations/{id}/members/{memberId}/review</c>: the design group's
/// review recorded on its behalf.</summary>
public sealed record ReviewRequest
{
    /// <summary>"accept" or "return".</summary>
    public string? Decision { get; init; }

    /// <summary>Why the nomination is returned: required to return it.</summary>
    public string? Reason { get; init; }

    /// <summary>Who records it; "admin" when absent.</summary>
    public string? By { get; init; }
}
