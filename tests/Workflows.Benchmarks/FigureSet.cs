using System.Text.Json.Nodes;

namespace Workflows.Benchmarks;

/// <summary>The figures of one section of the result (a provider, the dashboard, the run), in the order they are added.</summary>
internal sealed class FigureSet
{
    private readonly Dictionary<string, double> numbers = new(StringComparer.Ordinal);

    public JsonObject Json { get; } = [];

    /// <summary>The names of the numeric figures added so far.</summary>
    public IEnumerable<string> NumberNames => this.numbers.Keys;

    /// <summary>Adds a number, rounded to a few decimals in the JSON (kept exact for ratios).</summary>
    public void Add(string name, double value, int decimals = 2)
    {
        this.numbers[name] = value;
        this.Json[name] = Math.Round(value, decimals, MidpointRounding.AwayFromZero);
    }

    public void Add(string name, JsonNode? value) => this.Json[name] = value;

    public bool TryGet(string name, out double value) => this.numbers.TryGetValue(name, out value);

    /// <summary>The object named <paramref name="name"/> in this section, made on first use.</summary>
    public JsonObject Child(string name)
    {
        if (this.Json[name] is not JsonObject child)
        {
            child = [];
            this.Json[name] = child;
        }

        return child;
    }
}
