namespace Workflows.Governance.Assembly.Records;

/// <summary>Where the documents store keeps the assembly's records and drafts:
/// <c>assembly/{nominations|consultations|work-programme}/{roundId}/{roster|summary|allocation}.{json|html}</c>, and a
/// consultation's drafts under <c>assembly/consultations/{id}/drafts/</c>.</summary>
public static class AssemblyRecordPaths
{
    /// <summary>The folder of a kind's rounds.</summary>
    public static string Folder(AssemblyRecordKind kind) => kind switch
    {
        AssemblyRecordKind.Roster => "nominations",
        AssemblyRecordKind.ConsultationSummary => "consultations",
        _ => "work-programme",
    };

    /// <summary>The record's JSON.</summary>
    public static string Json(AssemblyRecordKind kind, string roundId) => $"{Base(kind, roundId)}.json";

    /// <summary>The record's HTML.</summary>
    public static string Html(AssemblyRecordKind kind, string roundId) => $"{Base(kind, roundId)}.html";

    /// <summary>A consultation's draft document.</summary>
    public static string Draft(string consultationId, string fileName) => $"assembly/consultations/{consultationId}/drafts/{fileName}";

    private static string Base(AssemblyRecordKind kind, string roundId) => kind switch
    {
        AssemblyRecordKind.Roster => $"assembly/nominations/{roundId}/roster",
        AssemblyRecordKind.ConsultationSummary => $"assembly/consultations/{roundId}/summary",
        _ => $"assembly/work-programme/{roundId}/allocation",
    };
}
