namespace Workflows.Governance.Assembly.Http;

/// <summary>The JSON body of <c>POST /api/assembly/nominations</c>.</summary>
public sealed record StartNominationRoundRequest
{
    /// <summary>The round's id: ASCII letters, digits, '-' and '_', at most 64 characters; generated when absent.</summary>
    public string? Id { get; init; }

    /// <summary>When the round closes, ISO 8601; <c>Assembly:Timing:NominationPeriod</c> from now when absent.</summary>
    public string? ClosesAt { get; init; }

    /// <summary>The CCGs invited, by id; every member CCG when absent.</summary>
    public IReadOnlyList<string?>? Members { get; init; }
}
