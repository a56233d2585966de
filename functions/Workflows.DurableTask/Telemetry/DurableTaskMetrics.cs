using System.Diagnostics.Metrics;
using Microsoft.DurableTask.Client;
using Workflows.DurableTask.Queries;

namespace Workflows.DurableTask.Telemetry;

/// <summary>The store-level figures DurableTask.Core and the SDK do not publish, on the meter
/// <see cref="MeterName"/>: the backlog (work due and not yet done) and the instances by status, as last
/// sampled from the provider's <see cref="IInstanceQueryPort"/> (a provider without the capability publishes nothing for
/// it). Spans and the rest come from DurableTask.Core's and the SDK's own sources.</summary>
public sealed class DurableTaskMetrics : IDisposable
{
    /// <summary>The meter's name, for an OpenTelemetry <c>AddMeter</c>.</summary>
    public const string MeterName = "Workflows.DurableTask";

    private readonly Meter meter;
    private volatile Snapshot? last;

    /// <summary>Creates the instruments on a meter from <paramref name="meters"/>.</summary>
    public DurableTaskMetrics(IMeterFactory meters)
    {
        ArgumentNullException.ThrowIfNull(meters);
        this.meter = meters.Create(MeterName);
        this.meter.CreateObservableGauge<long>(
            "durabletask.backlog.orchestration_messages",
            () => this.last?.Backlog is { } b ? [new Measurement<long>(b.OrchestrationMessages)] : [],
            unit: "{message}",
            description: "Orchestration messages (events, results, due timers, starts) visible in the store and not yet taken.");
        this.meter.CreateObservableGauge<long>(
            "durabletask.backlog.activity_tasks",
            () => this.last?.Backlog is { } b ? [new Measurement<long>(b.ActivityTasks)] : [],
            unit: "{task}",
            description: "Activity tasks visible in the store that no live worker holds.");
        this.meter.CreateObservableGauge<long>(
            "durabletask.instances",
            () => this.last?.Counts is { } counts
                ? counts.Select(c => new Measurement<long>(c.Value, new KeyValuePair<string, object?>("status", c.Key.ToString())))
                : [],
            unit: "{instance}",
            description: "Orchestration instances in the store, by runtime status.");
    }

    /// <summary>When the figures were last sampled, or null before the first sample.</summary>
    public DateTimeOffset? SampledAt => this.last?.At;

    /// <summary>Reads the figures from <paramref name="port"/> as far as its capabilities go, for the gauges to report.</summary>
    public async Task SampleAsync(IInstanceQueryPort port, DateTimeOffset now, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(port);
        WorkBacklog? backlog = port.Capabilities.HasFlag(InstanceQueryCapabilities.Backlog)
            ? await port.GetBacklogAsync(cancellation).ConfigureAwait(false)
            : null;
        IReadOnlyDictionary<OrchestrationRuntimeStatus, long>? counts = port.Capabilities.HasFlag(InstanceQueryCapabilities.CountByStatus)
            ? await port.CountInstancesAsync(new InstanceQuery(), cancellation).ConfigureAwait(false)
            : null;
        this.last = new Snapshot(now, backlog, counts);
    }

    /// <inheritdoc/>
    public void Dispose() => this.meter.Dispose();

    private sealed record Snapshot(DateTimeOffset At, WorkBacklog? Backlog, IReadOnlyDictionary<OrchestrationRuntimeStatus, long>? Counts);
}
