using System.Text.Json.Nodes;

namespace Workflows.Benchmarks;

/// <summary>Every headline figure also as a ratio measured in the same run: to the raw SQLite commit rate (so that
/// figures from different disks and machines compare), and for the providers to DurableTask.Core's in-memory service
/// (the share of the framework's own ceiling a provider keeps).</summary>
internal static class Ratios
{
    /// <summary>The figures that get ratios, by unit.</summary>
    private static readonly (string Name, Unit Unit)[] Headline =
    [
        ("helloSequence5PerSec", Unit.PerSecond),
        ("helloSequence5ConcurrentStartPerSec", Unit.PerSecond),
        ("helloSequence5CpuMsPerOrchestration", Unit.CpuMilliseconds),
        ("sequentialActivitiesPerSec", Unit.PerSecond),
        ("sequentialActivitiesCpuMsPerActivity", Unit.CpuMilliseconds),
        ("fanOut1000Seconds", Unit.Seconds),
        ("fanOutActivitiesPerSec", Unit.PerSecond),
        ("fanOutCpuMsPerActivity", Unit.CpuMilliseconds),
        ("eventRoundTripMsP50", Unit.Milliseconds),
        ("eventRoundTripMsP99", Unit.Milliseconds),
        ("idleMemoryMbPer10k", Unit.Megabytes),
        ("idleWorkingSetMbPer10k", Unit.Megabytes),
    ];

    private enum Unit
    {
        PerSecond,
        Seconds,
        Milliseconds,
        Megabytes,

        /// <summary>This process's CPU time per unit of work: compared with the in-memory service only.</summary>
        CpuMilliseconds,
    }

    public static void Add(BenchmarkReport report, IEnumerable<string> providerKeys, string inMemoryKey)
    {
        bool haveCommits = report.Run.TryGet("sqliteCommitsPerSec", out double commits) && commits > 0;
        report.TryGetSection(inMemoryKey, out FigureSet? ceiling);
        foreach (string key in providerKeys)
        {
            if (!report.TryGetSection(key, out FigureSet section))
            {
                continue;
            }

            var toCommits = new JsonObject();
            var toInMemory = new JsonObject();
            foreach ((string name, Unit unit) in Headline)
            {
                if (!section.TryGet(name, out double value))
                {
                    continue;
                }

                if (haveCommits && ToCommits(name, unit, value, commits) is { } ratio)
                {
                    toCommits[ratio.Name] = Math.Round(ratio.Value, 3);
                }

                if (key != inMemoryKey && ceiling is not null && ceiling.TryGet(name, out double top) && top != 0)
                {
                    toInMemory[name] = Math.Round(value / top, 4);
                }
            }

            if (toCommits.Count > 0)
            {
                section.Add("ratiosToCommitBaseline", toCommits);
            }

            if (toInMemory.Count > 0)
            {
                section.Add("ratiosToInMemory", toInMemory);
            }
        }

        if (haveCommits && report.TryGetSection(BenchmarkReport.Dashboard, out FigureSet dashboard))
        {
            var toCommits = new JsonObject();
            foreach (string name in dashboard.NumberNames.Where(n => n.EndsWith("Ms", StringComparison.Ordinal)).ToList())
            {
                dashboard.TryGet(name, out double ms);
                toCommits[name[..^2] + "InCommits"] = Math.Round(ms / 1000 * commits, 1);
            }

            dashboard.Add("ratiosToCommitBaseline", toCommits);
        }
    }

    /// <summary>A rate per thousand baseline commits, or a duration as the number of baseline commits that fit in it;
    /// memory and CPU time have no commit ratio.</summary>
    private static (string Name, double Value)? ToCommits(string name, Unit unit, double value, double commits) => unit switch
    {
        Unit.PerSecond => (name[..^"PerSec".Length] + "PerKCommits", value / commits * 1000),
        Unit.Seconds => (name + "InCommits", value * commits),
        Unit.Milliseconds => (name + "InCommits", value / 1000 * commits),
        _ => null,
    };
}
