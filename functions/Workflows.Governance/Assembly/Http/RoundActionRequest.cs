namespace Workflows.Governance.Assembly.Http;

/// <summary>The JSON body of the close, extend and resend routes of a round; an empty body is an empty request.</summary>
public sealed record RoundActionRequest
{
    /// <summary>Who acts, for the record; "admin" when absent.</summary>
    public string? By { get; init; }

    /// <summary>For extend: the new, later closing date, ISO 8601.</summary>
    public string? ClosesAt { get; init; }

    /// <summary>For resend: the one member to send to; every member still to answer when absent.</summary>
    public string? Member { get; init; }
}
