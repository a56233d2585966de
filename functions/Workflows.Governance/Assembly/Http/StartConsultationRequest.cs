namespace Workflows.Governance.Assembly.Http;

/// <summary>The JSON body of <c>POST /api/assembly/consultations</c>.</summary>
public sealed record StartConsultationRequest
{
    /// <summary>The consultation's id: ASCII letters, digits, '-' and '_', at most 64 characters; generated when absent.</summary>
    public string? Id { get; init; }

    /// <summary>The title, at most 200 characters.</summary>
    public string? Title { get; init; }

    /// <summary>The closed nomination round whose roster's leads are consulted.</summary>
    public string? NominationRound { get; init; }

    /// <summary>The members consulted, by id, each with a lead on that roster; every lead on it when absent.</summary>
    public IReadOnlyList<string?>? Members { get; init; }

    /// <summary>When it closes, ISO 8601; <c>Assembly:Timing:ConsultationPeriod</c> from now when absent.</summary>
    public string? ClosesAt { get; init; }

    /// <summary>The consultation on the earlier draft this round follows, if any.</summary>
    public string? PreviousRound { get; init; }

    /// <summary>The draft documents: one or more.</summary>
    public IReadOnlyList<DraftUpload?>? Documents { get; init; }
}
