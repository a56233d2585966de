namespace Workflows.Governance.Assembly;

/// <summary>The delays of the assembly's rounds, as TimeSpan strings (<c>d.hh:mm:ss</c>), so that a test can run a whole
/// round in seconds. A start request may set its own closing date instead of the default period.</summary>
public sealed class AssemblyTimingOptions
{
    /// <summary>The configuration section these options are bound from.</summary>
    public const string SectionName = AssemblyConfiguration.SectionName + ":Timing";

    /// <summary>How long a nomination round stays open by default. Default: 21 days.</summary>
    public TimeSpan NominationPeriod { get; set; } = TimeSpan.FromDays(21);

    /// <summary>How long after the invitation, and after each reminder, a CCG that has not nominated is reminded.
    /// Default: 4 days.</summary>
    public TimeSpan ReminderInterval { get; set; } = TimeSpan.FromDays(4);

    /// <summary>How long after the invitation the CCG's deputy is asked as well. Default: 10 days; shorter than the
    /// nomination period.</summary>
    public TimeSpan EscalateAfter { get; set; } = TimeSpan.FromDays(10);

    /// <summary>How long a consultation stays open by default. Default: 28 days.</summary>
    public TimeSpan ConsultationPeriod { get; set; } = TimeSpan.FromDays(28);

    /// <summary>How long a work-programme round takes expressions of interest by default. Default: 14 days.</summary>
    public TimeSpan InterestPeriod { get; set; } = TimeSpan.FromDays(14);

    /// <summary>How long before a consultation or work-programme round closes the members who have not answered are
    /// reminded, once. Default: 5 days; shorter than either period.</summary>
    public TimeSpan ReminderBeforeClose { get; set; } = TimeSpan.FromDays(5);
}
