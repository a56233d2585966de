using System.ComponentModel.DataAnnotations;

namespace Workflows.DurableTask.Telemetry;

/// <summary>How often <see cref="DurableTaskMetrics"/> is sampled.</summary>
public sealed class DurableTaskMetricsOptions
{
    /// <summary>The time between samples of the store; default 15 s (each is a count and a backlog query).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00", ErrorMessage = "The Durable Task metrics sample interval must be from 1 second to 1 hour.")]
    public TimeSpan SampleInterval { get; set; } = TimeSpan.FromSeconds(15);
}
