using Microsoft.DurableTask.Client;
using Workflows.Governance.Assembly.Consultations;
using Workflows.Governance.Assembly.Nominations;
using Workflows.Governance.Assembly.Records;
using Workflows.Governance.Assembly.WorkProgramme;

namespace Workflows.Governance.Assembly.Http;

/// <summary>A kind of round as the routes and the board know it: its path segment, its orchestrator, its record and how
/// its status is read.</summary>
/// <param name="Segment">The path segment under <c>/api/assembly/</c>.</param>
/// <param name="Orchestrator">The orchestrator's name.</param>
/// <param name="RecordKind">The record it writes at its close.</param>
/// <param name="Noun">How messages name it.</param>
/// <param name="ReadStatus">Reads its custom status.</param>
public sealed record AssemblyRoundKind(
    string Segment, string Orchestrator, AssemblyRecordKind RecordKind, string Noun, Func<OrchestrationMetadata, IAssemblyRoundStatus?> ReadStatus)
{
    /// <summary>Nomination rounds: one lead nominated per CCG.</summary>
    public static readonly AssemblyRoundKind Nominations = new(
        "nominations", nameof(NominationRoundOrchestrator), AssemblyRecordKind.Roster, "nomination round", m => m.ReadCustomStatusAs<NominationRoundStatus>());

    /// <summary>Consultations on draft documents.</summary>
    public static readonly AssemblyRoundKind Consultations = new(
        "consultations", nameof(ConsultationOrchestrator), AssemblyRecordKind.ConsultationSummary, "consultation", m => m.ReadCustomStatusAs<ConsultationStatus>());

    /// <summary>Work-programme rounds: interest in groups, then places allocated.</summary>
    public static readonly AssemblyRoundKind WorkProgramme = new(
        "work-programme", nameof(WorkProgrammeOrchestrator), AssemblyRecordKind.Allocation, "work-programme round", m => m.ReadCustomStatusAs<WorkProgrammeStatus>());

    /// <summary>Every kind, in the order the board shows them.</summary>
    public static IReadOnlyList<AssemblyRoundKind> All { get; } = [Nominations, Consultations, WorkProgramme];

    /// <summary>The kind whose orchestrator is <paramref name="orchestrator"/>, or null.</summary>
    public static AssemblyRoundKind? Of(string? orchestrator) =>
        All.FirstOrDefault(k => string.Equals(k.Orchestrator, orchestrator, StringComparison.Ordinal));
}
