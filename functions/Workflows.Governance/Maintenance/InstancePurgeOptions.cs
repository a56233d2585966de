using System.ComponentModel.DataAnnotations;

namespace Workflows.Governance.Maintenance;

/// <summary>How long finished workflow instances are kept (the <c>Purge</c> section).</summary>
public sealed class InstancePurgeOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Purge";

    /// <summary><c>Purge:RetentionDays</c>: finished (completed, failed or terminated) instances created more than this
    /// many days ago are purged with their history. Decision records are documents and are kept. Default 365.</summary>
    [Range(1, 36500, ErrorMessage = "Purge:RetentionDays must be from 1 to 36500.")]
    public int RetentionDays { get; set; } = 365;
}
