namespace Workflows.Governance.Assembly;

/// <summary>A member's state in a round, as the board shows it.</summary>
/// <param name="MemberId">The member CCG.</param>
/// <param name="MemberName">Its name.</param>
/// <param name="State">Its state, such as "Invited", "Nominated", "Responded (2)" or "Placed: quality".</param>
/// <param name="Detail">More, such as reminders sent or who answered.</param>
public sealed record RoundMemberState(string MemberId, string MemberName, string State, string Detail);
