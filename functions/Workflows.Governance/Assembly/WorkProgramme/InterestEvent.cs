namespace Workflows.Governance.Assembly.WorkProgramme;

/// <summary>A member's interest in the work programme's groups, from its form or an admin; it replaces the member's
/// earlier interest.</summary>
/// <param name="MemberId">The member CCG.</param>
/// <param name="Preferences">Group ids, most wanted first.</param>
/// <param name="By">Who sent it.</param>
public sealed record InterestEvent(string MemberId, IReadOnlyList<string> Preferences, string By);
