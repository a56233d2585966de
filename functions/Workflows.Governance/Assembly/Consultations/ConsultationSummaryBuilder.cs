namespace Workflows.Governance.Assembly.Consultations;

/// <summary>Builds a consultation's summary of views from the latest response of each member.</summary>
public static class ConsultationSummaryBuilder
{
    /// <summary>The summary: for each document (in order), the count of each position and every non-empty comment in
    /// member order; the members who responded and those who did not, in member order. Responses from members not
    /// consulted, and views of documents not consulted on, are left out.</summary>
    public static ConsultationSummary Build(
        string consultationId, string title, string? previousRoundId, DateTime closedAt,
        IReadOnlyList<DraftDocument> documents, IReadOnlyList<MemberContact> members, IReadOnlyDictionary<string, ConsultationResponse> responses)
    {
        ArgumentNullException.ThrowIfNull(documents);
        ArgumentNullException.ThrowIfNull(members);
        ArgumentNullException.ThrowIfNull(responses);
        List<(MemberContact Member, ConsultationResponse Response)> answered =
            [.. members.Where(m => responses.ContainsKey(m.Id)).Select(m => (m, responses[m.Id]))];
        var summaries = new List<DocumentSummary>();
        foreach (DraftDocument document in documents)
        {
            List<(MemberContact Member, DocumentView View)> views = [.. answered
                .Select(a => (a.Member, View: a.Response.Views.FirstOrDefault(v => string.Equals(v.DocumentId, document.Id, StringComparison.Ordinal))))
                .Where(a => a.View is not null)
                .Select(a => (a.Member, a.View!))];
            summaries.Add(new DocumentSummary(
                document.Id,
                document.Title,
                views.Count(v => v.View.Position == Position.Support),
                views.Count(v => v.View.Position == Position.SupportWithChanges),
                views.Count(v => v.View.Position == Position.DoNotSupport),
                [.. views.Where(v => !string.IsNullOrWhiteSpace(v.View.Comments))
                    .Select(v => new MemberComment(v.Member.Id, v.Member.Name, v.View.Position, v.View.Comments!))]));
        }

        return new ConsultationSummary
        {
            ConsultationId = consultationId,
            Title = title,
            PreviousRoundId = previousRoundId,
            ClosedAt = closedAt,
            Consulted = members.Count,
            Documents = summaries,
            Responded = [.. answered.Select(a => a.Member.Reference)],
            NoResponse = [.. members.Where(m => !responses.ContainsKey(m.Id)).Select(m => m.Reference)],
        };
    }
}
