namespace Workflows.Governance.Assembly.WorkProgramme;

/// <summary>A member's interest in the work programme's groups, most wanted first.</summary>
/// <param name="MemberId">The member CCG.</param>
/// <param name="MemberName">The member CCG's name.</param>
/// <param name="Preferences">Group ids in order of preference, each at most once.</param>
/// <param name="SubmittedAt">When these preferences were received (UTC); a revision resets it.</param>
public sealed record InterestExpression(string MemberId, string MemberName, IReadOnlyList<string> Preferences, DateTime SubmittedAt);
