namespace Workflows.Governance.Governance;

/// <summary>How a proposal ended; written as its name in every JSON (custom status, API, records).</summary>
[System.Text.Json.Serialization.JsonConverter(typeof(System.Text.Json.Serialization.JsonStringEnumConverter<ProposalOutcome>))]
public enum ProposalOutcome
{
    /// <summary>Approved: by the congress, or by the governing bodies as the outcome policy requires.</summary>
    Approved,

    /// <summary>Rejected: by the congress, or by the governing bodies as the outcome policy requires.</summary>
    Rejected,

    /// <summary>Not approved because governing bodies did not answer by the deadline.</summary>
    Lapsed,

    /// <summary>Withdrawn by an admin before it was decided; never the result of an outcome policy.</summary>
    Withdrawn,
}
