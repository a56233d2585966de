namespace Workflows.Governance.Assembly.Consultations;

/// <summary>A member's comment on a draft document.</summary>
/// <param name="MemberId">The member CCG.</param>
/// <param name="MemberName">Its name.</param>
/// <param name="Position">Its position on the document.</param>
/// <param name="Comments">What it said.</param>
public sealed record MemberComment(string MemberId, string MemberName, Position Position, string Comments);
