using System.Globalization;
using Workflows.Governance.Assembly.Consultations;

namespace Workflows.Governance.Assembly;

/// <summary>How the assembly's emails and pages word times and positions.</summary>
public static class AssemblyText
{
    /// <summary>A time as people read it, such as "Monday 1 June 2026, 17:00 UTC".</summary>
    public static string Time(DateTime at) =>
        DateTime.SpecifyKind(at, DateTimeKind.Utc).ToString("dddd d MMMM yyyy, HH:mm 'UTC'", CultureInfo.InvariantCulture);

    /// <summary>A position as people read it.</summary>
    public static string Position(Position position) => position switch
    {
        Consultations.Position.Support => "Support",
        Consultations.Position.SupportWithChanges => "Support with changes",
        _ => "Do not support",
    };
}
