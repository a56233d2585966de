using System.Text.Json.Serialization;

namespace Workflows.Host.Diagnostics.Synthetic;

/// <summary>The input of every synthetic orchestration: a seed its output is computed from, and a size whose meaning
/// depends on the orchestration (steps, branches, seconds, children or generations).</summary>
/// <remarks>In JSON <c>{ "seed": 42, "size": 5 }</c>, as the management API takes it.</remarks>
/// <param name="Seed">The value the output is derived from.</param>
/// <param name="Size">How much work to do, 0 to <see cref="MaxSize"/>.</param>
public sealed record SyntheticInput([property: JsonPropertyName("seed")] long Seed, [property: JsonPropertyName("size")] int Size)
{
    /// <summary>The largest size accepted.</summary>
    public const int MaxSize = 100;

    /// <summary>The input, or an <see cref="ArgumentException"/> (which fails the instance) when it is missing or its
    /// size is out of range.</summary>
    public static SyntheticInput Check(SyntheticInput? input) =>
        input is { Size: >= 0 and <= MaxSize }
            ? input
            : throw new ArgumentException($"A synthetic orchestration takes {{ \"seed\": <integer>, \"size\": 0 to {MaxSize} }}.", nameof(input));
}
