namespace Workflows.Governance.Proposals.Http;

/// <summary>The JSON body of <c>POST /api/proposals</c>.</summary>
public sealed record StartProposalRequest
{
    /// <summary>The proposal's id, also its workflow's instance id: ASCII letters, digits, '-' and '_', at most 64
    /// characters. Generated ("p-" and 12 hexadecimal digits) when absent.</summary>
    public string? Id { get; init; }

    /// <summary>The title, at most 200 characters.</summary>
    public string? Title { get; init; }

    /// <summary>The summary.</summary>
    public string? Summary { get; init; }

    /// <summary>The decision category's id.</summary>
    public string? Category { get; init; }

    /// <summary>The raising member body and committee.</summary>
    public ProposalRaisedByRequest? RaisedBy { get; init; }

    /// <summary>The value in GBP, if any; zero or more.</summary>
    public decimal? Value { get; init; }

    /// <summary>The papers.</summary>
    public IReadOnlyList<ProposalDocumentUpload?>? Documents { get; init; }
}
