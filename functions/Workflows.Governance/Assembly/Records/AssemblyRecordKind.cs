using System.Text.Json.Serialization;

namespace Workflows.Governance.Assembly.Records;

/// <summary>The kinds of round, each with the record written when it closes.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<AssemblyRecordKind>))]
public enum AssemblyRecordKind
{
    /// <summary>A nomination round's roster.</summary>
    Roster,

    /// <summary>A consultation's summary of views.</summary>
    ConsultationSummary,

    /// <summary>A work-programme round's allocation.</summary>
    Allocation,
}
