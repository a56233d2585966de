namespace Workflows.Governance.Assembly.Nominations;

/// <summary>The result of a nomination round: the accepted lead of each CCG, who the assembly's consultations and
/// work-programme rounds go to, and the CCGs without one.</summary>
public sealed record Roster
{
    /// <summary>The nomination round.</summary>
    public string RoundId { get; init; } = string.Empty;

    /// <summary>When the round closed (UTC).</summary>
    public DateTime ClosedAt { get; init; }

    /// <summary>The CCGs with an accepted lead, in configuration order.</summary>
    public IReadOnlyList<RosterLead> Leads { get; init; } = [];

    /// <summary>The CCGs without an accepted lead, with the state they ended in.</summary>
    public IReadOnlyList<CcgNominationStatus> Missing { get; init; } = [];

    /// <summary>The roster's leads as the members that consultations and work-programme rounds go to.</summary>
    public IReadOnlyList<MemberContact> Members() =>
        [.. this.Leads.Select(l => new MemberContact(l.MemberId, l.MemberName, new Governance.Person { Name = l.Lead.Name, Email = l.Lead.Email }))];
}
