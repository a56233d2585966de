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
internal sealed record BenchmarkSizes(
    int HelloOrchestrations,
    int SequentialActivities,
    int FanOutActivities,
    int EventSamples,
    int IdleOrchestrations,
    TimeSpan SqliteBaselineDuration,
    int DashboardInstances)
{
    /// <summary>The sizes the published figures are measured with (SQLite and in-memory).</summary>
    public static BenchmarkSizes Full { get; } = new(2000, 2000, 1000, 500, 10_000, TimeSpan.FromSeconds(2), 100_000);

    /// <summary>A scaled-down run for smoke testing (<c>--quick</c>).</summary>
    public static BenchmarkSizes Quick { get; } = new(200, 200, 100, 50, 1000, TimeSpan.FromSeconds(1), 10_000);

    /// <summary>Azure Storage over Azurite runs tens of orchestrations a second here, so it gets a tenth or less of
    /// each count (fan-out keeps its size in the full run: it is one orchestration).</summary>
    public BenchmarkSizes ForAzurite() => this == Full
        ? new(200, 100, 1000, 20, 200, this.SqliteBaselineDuration, 0)
        : new(20, 20, 50, 5, 50, this.SqliteBaselineDuration, 0);

    public JsonObject Describe() => new()
    {
        ["helloOrchestrations"] = this.HelloOrchestrations,
        ["sequentialActivities"] = this.SequentialActivities,
        ["fanOutActivities"] = this.FanOutActivities,
        ["eventSamples"] = this.EventSamples,
        ["idleOrchestrations"] = this.IdleOrchestrations,
    };
}
