namespace Workflows.Benchmarks;

/// <summary>Parses the <c>--only</c> list: scenario names or the names of the figures they produce.</summary>
internal static class ScenarioSelection
{
    private static readonly Dictionary<string, Scenario> Names = new(StringComparer.OrdinalIgnoreCase)
    {
        ["sqlite"] = Scenario.Sqlite,
        ["sqliteCommitsPerSec"] = Scenario.Sqlite,
        ["baseline"] = Scenario.Sqlite,
        ["hello"] = Scenario.Hello,
        ["helloSequence5PerSec"] = Scenario.Hello,
        ["sequential"] = Scenario.Sequential,
        ["sequentialActivitiesPerSec"] = Scenario.Sequential,
        ["fanout"] = Scenario.FanOut,
        ["fanOut1000Seconds"] = Scenario.FanOut,
        ["events"] = Scenario.Events,
        ["event"] = Scenario.Events,
        ["eventRoundTripMsP50"] = Scenario.Events,
        ["eventRoundTripMsP99"] = Scenario.Events,
        ["idle"] = Scenario.Idle,
        ["idleMemoryMbPer10k"] = Scenario.Idle,
        ["idleWorkingSetMbPer10k"] = Scenario.Idle,
        ["dashboard"] = Scenario.Dashboard,
    };

    /// <summary>The names shown in help and errors.</summary>
    public static string ValidNames => "sqlite, hello, sequential, fanout, events, idle, dashboard (or the JSON field names)";

    /// <summary>Reads a comma-separated list; null or empty selects everything.</summary>
    public static bool TryParse(string? list, out Scenario selected, out string? error)
    {
        selected = Scenario.None;
        error = null;
        if (string.IsNullOrWhiteSpace(list))
        {
            selected = Scenario.All;
            return true;
        }

        foreach (string name in list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!Names.TryGetValue(name, out Scenario scenario))
            {
                error = $"Unknown scenario '{name}'. Valid names: {ValidNames}.";
                return false;
            }

            selected |= scenario;
        }

        return true;
    }
}
