using System.Text.Json.Serialization;
using Workflows.Governance.Governance;

namespace Workflows.Governance.Assembly;

/// <summary>A member CCG as a consultation or a work-programme round reaches it: through its clinical lead from the
/// roster.</summary>
/// <param name="Id">The member's id.</param>
/// <param name="Name">The member's name.</param>
/// <param name="Lead">The clinical lead the member nominated.</param>
public sealed record MemberContact(string Id, string Name, Person Lead)
{
    /// <summary>The member as a record names it.</summary>
    [JsonIgnore]
    public MemberReference Reference => new(this.Id, this.Name);
}
