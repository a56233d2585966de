namespace Workflows.Governance.Assembly.Http;

/// <summary>The JSON body of <c>POST /api/assembly/work-programme</c>.</summary>
public sealed record StartWorkProgrammeRequest
{
    /// <summary>The round's id: ASCII letters, digits, '-' and '_', at most 64 characters; generated when absent.</summary>
    public string? Id { get; init; }

    /// <summary>The closed nomination round whose roster's leads are invited.</summary>
    public string? NominationRound { get; init; }

    /// <summary>The members invited, by id, each with a lead on that roster; every lead on it when absent.</summary>
    public IReadOnlyList<string?>? Members { get; init; }

    /// <summary>When interest closes, ISO 8601; <c>Assembly:Timing:InterestPeriod</c> from now when absent.</summary>
    public string? ClosesAt { get; init; }
}
