namespace Workflows.Benchmarks.Selection;

/// <summary>What a run measures: the <c>--only</c> list, which may name scenarios, providers or both. Naming no scenario
/// runs them all on the named providers; naming no provider runs the named scenarios on every provider.</summary>
internal sealed record BenchmarkSelection(Scenario Scenarios, ProviderKind Providers)
{
    private static readonly Dictionary<string, Scenario> ScenarioNames = new(StringComparer.OrdinalIgnoreCase)
    {
        ["baseline"] = Scenario.Baseline,
        ["sqliteCommitsPerSec"] = Scenario.Baseline,
        ["hello"] = Scenario.Hello,
        ["helloSequence5PerSec"] = Scenario.Hello,
        ["sequential"] = Scenario.Sequential,
        ["sequentialActivitiesPerSec"] = Scenario.Sequential,
        ["fanout"] = Scenario.FanOut,
        ["fanOut1000Seconds"] = Scenario.FanOut,
        ["events"] = Scenario.Events,
        ["eventRoundTripMsP99"] = Scenario.Events,
        ["idle"] = Scenario.Idle,
        ["idleMemoryMbPer10k"] = Scenario.Idle,
        ["dashboard"] = Scenario.Dashboard,
        ["scale"] = Scenario.Scale,
        ["workers"] = Scenario.Workers,
    };

    private static readonly Dictionary<string, ProviderKind> ProviderNames = new(StringComparer.OrdinalIgnoreCase)
    {
        ["sqlite"] = ProviderKind.Sqlite,
        ["azurestorage"] = ProviderKind.AzureStorage,
        ["azure"] = ProviderKind.AzureStorage,
        ["inmemory"] = ProviderKind.InMemory,
    };

    /// <summary>Everything on every provider.</summary>
    public static BenchmarkSelection Everything { get; } = new(Scenario.All, ProviderKind.All);

    /// <summary>The names shown in help and errors.</summary>
    public static string ValidNames =>
        "scenarios baseline, hello, sequential, fanout, events, idle, dashboard, scale, workers (or a JSON field name); providers sqlite, azurestorage, inmemory";

    /// <summary>Reads a comma-separated list; null or empty selects everything.</summary>
    public static bool TryParse(string? list, out BenchmarkSelection selection, out string? error)
    {
        selection = Everything;
        error = null;
        if (string.IsNullOrWhiteSpace(list))
        {
            return true;
        }

        Scenario scenarios = Scenario.None;
        ProviderKind providers = ProviderKind.None;
        foreach (string name in list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (ScenarioNames.TryGetValue(name, out Scenario scenario))
            {
                scenarios |= scenario;
            }
            else if (ProviderNames.TryGetValue(name, out ProviderKind provider))
            {
                providers |= provider;
            }
            else
            {
                error = $"Unknown name '{name}' in --only. Valid names: {ValidNames}.";
                return false;
            }
        }

        selection = new BenchmarkSelection(
            scenarios == Scenario.None ? Scenario.All : scenarios,
            providers == ProviderKind.None ? ProviderKind.All : providers);
        return true;
    }

    /// <summary>Whether any scenario runs on a provider's host.</summary>
    public bool RunsOnProviders => (this.Scenarios & Scenario.OnProviders) != Scenario.None;

    public bool Has(Scenario scenario) => (this.Scenarios & scenario) == scenario;

    public bool Has(ProviderKind provider) => (this.Providers & provider) == provider;
}
