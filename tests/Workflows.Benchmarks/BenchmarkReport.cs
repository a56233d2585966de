using System.Text.Json;
using System.Text.Json.Nodes;

namespace Workflows.Benchmarks;

/// <summary>The figures of a run, in the order they are added, written as one JSON object.</summary>
internal sealed class BenchmarkReport
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    /// <summary>The headline figures and their ratios come first, in this order; details follow as they were added.</summary>
    private static readonly string[] Headline =
    [
        "helloSequence5PerSec",
        "sequentialActivitiesPerSec",
        "fanOut1000Seconds",
        "eventRoundTripMsP50",
        "eventRoundTripMsP99",
        "idleMemoryMbPer10k",
        "idleWorkingSetMbPer10k",
        "sqliteCommitsPerSec",
        "helloSequence5PerKCommits",
        "sequentialActivitiesPerKCommits",
        "fanOutActivitiesPerKCommits",
        "fanOut1000SecondsInCommits",
        "eventRoundTripP50InCommits",
        "eventRoundTripP99InCommits",
    ];

    private readonly JsonObject root = [];
    private readonly Dictionary<string, double> figures = new(StringComparer.Ordinal);

    /// <summary>Adds a number, rounded to a few significant decimals.</summary>
    public void Add(string name, double value, int decimals = 2)
    {
        this.figures[name] = value;
        this.root[name] = Math.Round(value, decimals, MidpointRounding.AwayFromZero);
    }

    public void Add(string name, long value)
    {
        this.figures[name] = value;
        this.root[name] = value;
    }

    public void Add(string name, JsonNode? value) => this.root[name] = value;

    public bool TryGet(string name, out double value) => this.figures.TryGetValue(name, out value);

    /// <summary>The names of the numeric figures added so far.</summary>
    public IEnumerable<string> FigureNames => this.figures.Keys;

    public string ToJson()
    {
        var ordered = new JsonObject();
        foreach (string name in Headline.Where(this.root.ContainsKey))
        {
            ordered[name] = this.root[name]?.DeepClone();
        }

        foreach ((string name, JsonNode? value) in this.root.Where(p => !ordered.ContainsKey(p.Key)))
        {
            ordered[name] = value?.DeepClone();
        }

        return ordered.ToJsonString(Indented);
    }
}
