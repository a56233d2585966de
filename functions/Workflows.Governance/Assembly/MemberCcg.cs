using Workflows.Governance.Governance;

namespace Workflows.Governance.Assembly;

/// <summary>A clinical commissioning group that is a member of the assembly.</summary>
public sealed record MemberCcg
{
    /// <summary>The CCG's id: lowercase letters, digits and hyphens, unique in the assembly.</summary>
    public string Id { get; init; } = string.Empty;

    /// <summary>The CCG's name.</summary>
    public string Name { get; init; } = string.Empty;

    /// <summary>Who is asked to nominate the CCG's clinical lead.</summary>
    public Person AccountableOfficer { get; init; } = new();

    /// <summary>Who is asked as well when the accountable officer has not answered by the escalation delay.</summary>
    public Person Deputy { get; init; } = new();
}
