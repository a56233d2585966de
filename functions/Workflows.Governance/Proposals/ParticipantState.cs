using System.Text.Json.Serialization;

namespace Workflows.Governance.Proposals;

/// <summary>Where one decision-maker of a proposal stands; written as its name in every JSON (custom status, API,
/// records), so stored statuses and clients read the same text.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ParticipantState>))]
public enum ParticipantState
{
    /// <summary>Not asked yet: the proposal has not reached this participant's stage.</summary>
    NotAsked,

    /// <summary>Asked and not yet decided.</summary>
    Pending,

    /// <summary>Approved.</summary>
    Approved,

    /// <summary>Rejected.</summary>
    Rejected,

    /// <summary>Referred to the member bodies (the congress only).</summary>
    Referred,

    /// <summary>Did not decide by the deadline.</summary>
    NoResponse,
}
