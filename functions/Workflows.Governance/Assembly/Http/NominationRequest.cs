namespace Workflows.Governance.Assembly.Http;

/// <summary>The JSON body of <c>POST /api/assembly/nominations/{id}/members/{memberId}/nomination</c>: a nomination
/// recorded on the CCG's behalf.</summary>
public sealed record NominationRequest
{
    /// <summary>The lead's name.</summary>
    public string? Name { get; init; }

    /// <summary>The lead's role.</summary>
    public string? Role { get; init; }

    /// <summary>The lead's professional registration.</summary>
    public string? Registration { get; init; }

    /// <summary>The lead's email address.</summary>
    public string? Email { get; init; }

    /// <summary>Who records it; "admin" when absent.</summary>
    public string? By { get; init; }
}
