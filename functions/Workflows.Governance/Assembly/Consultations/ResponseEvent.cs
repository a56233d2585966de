namespace Workflows.Governance.Assembly.Consultations;

/// <summary>A member's response, from its form or an admin; it replaces the member's earlier response.</summary>
/// <param name="MemberId">The member CCG.</param>
/// <param name="Views">One view per draft document.</param>
/// <param name="By">Who sent it.</param>
public sealed record ResponseEvent(string MemberId, IReadOnlyList<DocumentView> Views, string By);
