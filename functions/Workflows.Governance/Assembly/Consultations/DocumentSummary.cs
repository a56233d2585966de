namespace Workflows.Governance.Assembly.Consultations;

/// <summary>The views of one draft document at a consultation's close.</summary>
/// <param name="DocumentId">The document.</param>
/// <param name="Title">Its title.</param>
/// <param name="Support">How many members support it.</param>
/// <param name="SupportWithChanges">How many support it with changes.</param>
/// <param name="DoNotSupport">How many do not support it.</param>
/// <param name="Comments">Every comment on it, by member, in member order.</param>
public sealed record DocumentSummary(string DocumentId, string Title, int Support, int SupportWithChanges, int DoNotSupport, IReadOnlyList<MemberComment> Comments);
