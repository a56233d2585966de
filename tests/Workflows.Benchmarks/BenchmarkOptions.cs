using Workflows.Benchmarks.Selection;

namespace Workflows.Benchmarks;

/// <summary>What the command line asked for.</summary>
/// <param name="Sizes">The counts of the run.</param>
/// <param name="Selection">The scenarios and providers to measure.</param>
/// <param name="Quick">Whether this is the scaled-down smoke run.</param>
/// <param name="Profile">Whether the provider calls are counted and timed.</param>
/// <param name="SqliteConcurrency">Overrides the SQLite provider's orchestration and activity concurrency (default: its
/// own, 50 and 20 per processor), to see what a setting changes.</param>
/// <param name="SqliteExtendedSessions">Overrides whether the SQLite provider keeps extended sessions (default: on).</param>
internal sealed record BenchmarkOptions(
    BenchmarkSizes Sizes,
    BenchmarkSelection Selection,
    bool Quick,
    bool Profile,
    int? SqliteConcurrency,
    bool? SqliteExtendedSessions);
