namespace Workflows.Governance.Assembly.Consultations;

/// <summary>A member's view of one draft document.</summary>
/// <param name="DocumentId">The draft document.</param>
/// <param name="Position">The member's position on it.</param>
/// <param name="Comments">The member's comments, if any.</param>
public sealed record DocumentView(string DocumentId, Position Position, string? Comments);
