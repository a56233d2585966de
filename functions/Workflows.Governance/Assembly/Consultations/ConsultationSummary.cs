namespace Workflows.Governance.Assembly.Consultations;

/// <summary>The summary of views written at a consultation's close: positions per document, every comment, and who did
/// not respond.</summary>
public sealed record ConsultationSummary
{
    /// <summary>The consultation.</summary>
    public string ConsultationId { get; init; } = string.Empty;

    /// <summary>Its title.</summary>
    public string Title { get; init; } = string.Empty;

    /// <summary>The round on the earlier draft this one follows, if any.</summary>
    public string? PreviousRoundId { get; init; }

    /// <summary>When it closed (UTC).</summary>
    public DateTime ClosedAt { get; init; }

    /// <summary>How many members were consulted.</summary>
    public int Consulted { get; init; }

    /// <summary>Each draft document with its positions and comments.</summary>
    public IReadOnlyList<DocumentSummary> Documents { get; init; } = [];

    /// <summary>The members who responded, with their latest response.</summary>
    public IReadOnlyList<MemberReference> Responded { get; init; } = [];

    /// <summary>The members consulted who did not respond.</summary>
    public IReadOnlyList<MemberReference> NoResponse { get; init; } = [];
}
