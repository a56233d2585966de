using System.Text.Json.Serialization;

namespace Workflows.Host.Diagnostics.Synthetic;

/// <summary>The input of <see cref="SyntheticStepActivity"/>: a value and the number of the step applied to it.</summary>
/// <param name="Value">The value so far.</param>
/// <param name="Step">The step's number.</param>
public sealed record SyntheticStep([property: JsonPropertyName("value")] long Value, [property: JsonPropertyName("step")] int Step);
