namespace Workflows.Governance.Assembly.Nominations;

/// <summary>A CCG's accepted lead on the roster.</summary>
/// <param name="MemberId">The CCG.</param>
/// <param name="MemberName">Its name.</param>
/// <param name="Lead">The accepted nomination.</param>
/// <param name="AcceptedBy">Who in the design group accepted it.</param>
public sealed record RosterLead(string MemberId, string MemberName, Nomination Lead, string AcceptedBy);
