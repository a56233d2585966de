using System.Text.Json.Nodes;

namespace Workflows.Benchmarks;

/// <summary>How much work each scenario does.</summary>
/// <param name="HelloOrchestrations">Independent HelloCities5 orchestrations per pass.</param>
/// <param name="SequentialActivities">Activities one orchestration runs one after the other.</param>
/// <param name="FanOutActivities">Activities one orchestration fans out to with Task.WhenAll.</param>
/// <param name="EventSamples">Event round trips measured, one instance each.</param>
/// <param name="IdleOrchestrations">Orchestrations started and left waiting on an external event.</param>
/// <param name="SqliteBaselineDuration">How long the raw SQLite commit baseline runs.</param>
/// <param name="DashboardInstances">Instances in the store the dashboard's queries run on.</param>
/// <param name="IdleSettle">How long the idle scenario lets the worker go quiet before it measures; the full run waits
/// out the SQLite provider's extended-session idle timeout (10 s), so no session of a waiting instance is counted.</param>
internal sealed record BenchmarkSizes(
    int HelloOrchestrations,
    int SequentialActivities,
    int FanOutActivities,
    int EventSamples,
    int IdleOrchestrations,
    TimeSpan SqliteBaselineDuration,
    int DashboardInstances,
    TimeSpan IdleSettle)
{
    /// <summary>The sizes the published figures are measured with (SQLite and in-memory).</summary>
    public static BenchmarkSizes Full { get; } = new(2000, 2000, 1000, 500, 10_000, TimeSpan.FromSeconds(2), 100_000, TimeSpan.FromSeconds(12));

    /// <summary>A scaled-down run for smoke testing (<c>--quick</c>); its warm-up is smaller too (see <see cref="WarmUpShare"/>).</summary>
    public static BenchmarkSizes Quick { get; } = new(100, 200, 100, 30, 500, TimeSpan.FromSeconds(1), 10_000, TimeSpan.FromSeconds(1)) { WarmUpShare = 0.1 };

    /// <summary>Azure Storage over Azurite runs tens of orchestrations a second here, so it gets a tenth or less of
    /// each count (fan-out keeps its size in the full run: it is one orchestration).</summary>
    public BenchmarkSizes ForAzurite() => this == Full
        ? this with { HelloOrchestrations = 200, SequentialActivities = 100, EventSamples = 20, IdleOrchestrations = 200, DashboardInstances = 0 }
        : this with { HelloOrchestrations = 10, SequentialActivities = 10, FanOutActivities = 30, EventSamples = 3, IdleOrchestrations = 20, DashboardInstances = 0 };

    /// <summary>The warm-up runs this share of each count (at least two of each).</summary>
    public double WarmUpShare { get; init; } = 0.25;

    public JsonObject Describe() => new()
    {
        ["helloOrchestrations"] = this.HelloOrchestrations,
        ["sequentialActivities"] = this.SequentialActivities,
        ["fanOutActivities"] = this.FanOutActivities,
        ["eventSamples"] = this.EventSamples,
        ["idleOrchestrations"] = this.IdleOrchestrations,
        ["idleSettleSeconds"] = this.IdleSettle.TotalSeconds,
    };
}
