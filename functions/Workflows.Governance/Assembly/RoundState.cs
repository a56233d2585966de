using System.Text.Json.Serialization;

namespace Workflows.Governance.Assembly;

/// <summary>Whether a round still takes answers.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<RoundState>))]
public enum RoundState
{
    /// <summary>Open: invitations are out and answers are taken until the closing date.</summary>
    Open,

    /// <summary>Closed: at the closing date or early by an admin; its record is written.</summary>
    Closed,
}
