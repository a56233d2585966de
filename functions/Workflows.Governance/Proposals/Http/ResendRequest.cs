namespace Workflows.Governance.Proposals.Http;

/// <summary>The optional JSON body of <c>POST /api/proposals/{id}/resend</c>.</summary>
public sealed record ResendRequest
{
    /// <summary>The one participant to send to again ("committee", "congress" or a member body's id); every pending one
    /// when absent.</summary>
    public string? Body { get; init; }

    /// <summary>Who asks.</summary>
    public string? By { get; init; }
}
