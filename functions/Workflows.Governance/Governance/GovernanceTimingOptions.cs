namespace Workflows.Governance.Governance;

/// <summary>The delays of a governing body's approval, as TimeSpan strings (<c>d.hh:mm:ss</c>), so that a test can run the
/// whole reminder, escalation and timeout path in seconds.</summary>
public sealed class GovernanceTimingOptions
{
    /// <summary>The configuration section these options are bound from.</summary>
    public const string SectionName = GovernanceConfiguration.SectionName + ":Timing";

    /// <summary>How long after the request, and after each reminder, the approver is reminded. Default: 2 days.</summary>
    public TimeSpan ReminderInterval { get; set; } = TimeSpan.FromDays(2);

    /// <summary>How long after the request the deputy is asked as well. Default: 5 days; shorter than the deadline.</summary>
    public TimeSpan EscalateAfter { get; set; } = TimeSpan.FromDays(5);

    /// <summary>How long after the request a body that has not answered is recorded as not responding. Default: 14 days.</summary>
    public TimeSpan DecisionDeadline { get; set; } = TimeSpan.FromDays(14);
}
