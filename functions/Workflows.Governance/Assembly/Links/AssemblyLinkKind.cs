using System.Text.Json.Serialization;

namespace Workflows.Governance.Assembly.Links;

/// <summary>What an assembly link is for; a link does that one thing only.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<AssemblyLinkKind>))]
public enum AssemblyLinkKind
{
    /// <summary>A CCG's accountable officer (or deputy) nominates the CCG's lead.</summary>
    Nominate,

    /// <summary>A design group member accepts or returns a CCG's nomination.</summary>
    Review,

    /// <summary>A member's lead responds to a consultation.</summary>
    Respond,

    /// <summary>A member's lead expresses interest in the work programme's groups.</summary>
    Interest,
}
