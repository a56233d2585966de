using System.Text.Json;
using System.Text.Json.Nodes;

namespace Workflows.Benchmarks;

/// <summary>The result of a run, written as one JSON object: the targets first, then the baseline, a section per
/// provider and the dashboard, then what describes the run.</summary>
internal sealed class BenchmarkReport
{
    public const string Dashboard = "dashboard";

    /// <summary>The section of the waiting-at-scale scenario.</summary>
    public const string Scale = "scale";

    /// <summary>The section of the worker-processes scenario.</summary>
    public const string Workers = "workers";

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };
    private static readonly string[] SectionOrder = ["sqlite", "azureStorage", "inMemory", Dashboard, Scale, Workers];

    private readonly Dictionary<string, FigureSet> sections = new(StringComparer.Ordinal);

    /// <summary>Figures of the run itself (baseline, sizes, machine).</summary>
    public FigureSet Run { get; } = new();

    /// <summary>The section named <paramref name="key"/>, made on first use.</summary>
    public FigureSet Section(string key)
    {
        if (!this.sections.TryGetValue(key, out FigureSet? section))
        {
            section = new FigureSet();
            this.sections[key] = section;
        }

        return section;
    }

    public bool TryGetSection(string key, out FigureSet section) => this.sections.TryGetValue(key, out section!);

    public string ToJson()
    {
        var ordered = new JsonObject();
        foreach (string name in new[] { "targets", "sqliteCommitsPerSec" }.Where(this.Run.Json.ContainsKey))
        {
            ordered[name] = this.Run.Json[name]?.DeepClone();
        }

        foreach (string key in SectionOrder.Concat(this.sections.Keys).Distinct().Where(this.sections.ContainsKey))
        {
            ordered[key] = this.sections[key].Json.DeepClone();
        }

        foreach ((string name, JsonNode? value) in this.Run.Json.Where(p => !ordered.ContainsKey(p.Key)))
        {
            ordered[name] = value?.DeepClone();
        }

        return ordered.ToJsonString(Indented);
    }
}
