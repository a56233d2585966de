namespace Workflows.Governance.Assembly.Consultations;

/// <summary>What a response must hold, checked the same way on the form, on the admin route and in the workflow.</summary>
public static class ConsultationRules
{
    /// <summary>The longest comment on one document, in characters (line breaks counted as one).</summary>
    public const int MaxCommentLength = 4000;

    /// <summary>Whether <paramref name="views"/> gives exactly one view of each of <paramref name="documents"/>, each with a
    /// known position and a comment within the limit.</summary>
    public static bool IsComplete(IReadOnlyList<DraftDocument> documents, IReadOnlyList<DocumentView>? views)
    {
        ArgumentNullException.ThrowIfNull(documents);
        return views is not null
            && views.Count == documents.Count
            && documents.All(d => views.Count(v => v is not null && string.Equals(v.DocumentId, d.Id, StringComparison.Ordinal)) == 1)
            && views.All(v => Enum.IsDefined(v.Position) && (v.Comments?.Length ?? 0) <= MaxCommentLength);
    }
}
