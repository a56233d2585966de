using Workflows.Governance.Assembly.Consultations;
using Workflows.Governance.Assembly.Nominations;
using Workflows.Governance.Assembly.WorkProgramme;

namespace Workflows.Governance.Assembly.Records;

/// <summary>What a round writes when it closes: exactly one of the three results, by <see cref="Kind"/>.</summary>
public sealed record AssemblyRecord
{
    /// <summary>Which result this is.</summary>
    public AssemblyRecordKind Kind { get; init; }

    /// <summary>The round.</summary>
    public string RoundId { get; init; } = string.Empty;

    /// <summary>For <see cref="AssemblyRecordKind.Roster"/>.</summary>
    public Roster? Roster { get; init; }

    /// <summary>For <see cref="AssemblyRecordKind.ConsultationSummary"/>.</summary>
    public ConsultationSummary? Summary { get; init; }

    /// <summary>For <see cref="AssemblyRecordKind.Allocation"/>.</summary>
    public WorkProgrammeAllocation? Allocation { get; init; }

    /// <summary>The result itself, for its JSON.</summary>
    public object Result => (object?)this.Roster ?? (object?)this.Summary ?? this.Allocation
        ?? throw new InvalidOperationException($"The {this.Kind} record of round '{this.RoundId}' has no result.");
}
