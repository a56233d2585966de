using System.Text.Json.Serialization;

namespace Workflows.Governance.Assembly.Nominations;

/// <summary>Where a CCG stands in a nomination round.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<NominationState>))]
public enum NominationState
{
    /// <summary>Invited to nominate, and has not yet.</summary>
    Invited,

    /// <summary>Nominated; the design group has still to review it.</summary>
    Nominated,

    /// <summary>The design group returned the nomination with a reason; the CCG is to nominate again.</summary>
    Returned,

    /// <summary>The design group accepted the nomination: the lead is on the roster.</summary>
    Accepted,

    /// <summary>The round closed with a nomination the design group had not reviewed.</summary>
    Unreviewed,

    /// <summary>The round closed without a nomination.</summary>
    NoNomination,
}
