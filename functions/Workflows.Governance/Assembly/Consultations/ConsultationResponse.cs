namespace Workflows.Governance.Assembly.Consultations;

/// <summary>A member's response to a consultation: a view of every draft document. A revision replaces the whole
/// response.</summary>
/// <param name="MemberId">The member CCG.</param>
/// <param name="Views">One view per draft document.</param>
/// <param name="RespondedBy">Who sent it: the lead, or an admin on the lead's behalf.</param>
/// <param name="RespondedAt">When the consultation received it (UTC).</param>
/// <param name="Revision">1 for the first response, then one more for each revision.</param>
public sealed record ConsultationResponse(string MemberId, IReadOnlyList<DocumentView> Views, string RespondedBy, DateTime RespondedAt, int Revision);
