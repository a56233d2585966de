namespace Workflows.Governance.Assembly.WorkProgramme;

/// <summary>A member placed in a group.</summary>
/// <param name="MemberId">The member CCG.</param>
/// <param name="MemberName">The member CCG's name.</param>
/// <param name="PreferenceRank">Which of the member's preferences the group was: 1 for the first.</param>
public sealed record GroupPlacement(string MemberId, string MemberName, int PreferenceRank);
