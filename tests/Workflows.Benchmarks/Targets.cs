using System.Text.Json.Nodes;

namespace Workflows.Benchmarks;

/// <summary>The targets for the SQLite provider, with the provider's figure, whether it is met, and the other
/// providers' figures beside it.</summary>
internal static class Targets
{
    private static readonly (string Figure, double Limit, bool AtLeast)[] ForSqlite =
    [
        ("helloSequence5PerSec", 1000, true),
        ("sequentialActivitiesPerSec", 1500, true),
        ("fanOut1000Seconds", 0.3, false),
        ("eventRoundTripMsP99", 10, false),
        ("idleMemoryMbPer10k", 5, false),
    ];

    public static void Add(BenchmarkReport report, string sqliteKey, IEnumerable<string> otherKeys)
    {
        if (!report.TryGetSection(sqliteKey, out FigureSet sqlite))
        {
            return;
        }

        var targets = new JsonObject();
        foreach ((string figure, double limit, bool atLeast) in ForSqlite)
        {
            if (!sqlite.TryGet(figure, out double value))
            {
                continue;
            }

            var entry = new JsonObject
            {
                [atLeast ? "atLeast" : "atMost"] = limit,
                [sqliteKey] = sqlite.Json[figure]?.DeepClone(),
                ["met"] = atLeast ? value >= limit : value <= limit,
            };
            foreach (string key in otherKeys)
            {
                if (report.TryGetSection(key, out FigureSet other) && other.Json[figure] is { } figureOfOther)
                {
                    entry[key] = figureOfOther.DeepClone();
                }
            }

            targets[figure] = entry;
        }

        report.Run.Add("targets", targets);
    }
}
