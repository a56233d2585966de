using System.Globalization;
using Microsoft.DurableTask;

namespace Workflows.Host.Diagnostics.Synthetic;

/// <summary>Synthetic orchestrations for measuring the service under failure (the chaos soak): a sequence, a fan-out,
/// a durable timer, an external event, sub-orchestrations and continue-as-new, registered only when
/// <see cref="DiagnosticsOptions.SyntheticWorkflows"/> is set. Each output is a function of its input (and, for the
/// event, of the event's value) alone, given by <see cref="ExpectedOutput"/>, so that a run after any number of crashes
/// can be checked against what a crash-free run gives.</summary>
public static class SyntheticWorkflows
{
    /// <summary>The external event <see cref="SyntheticEventOrchestrator"/> waits for; its value is an integer.</summary>
    public const string SignalEvent = "SyntheticSignal";

    /// <summary>The steps of each child of <see cref="SyntheticParentOrchestrator"/>.</summary>
    public const int ChildSteps = 3;

    // Outputs stay below 2^52 so that any JSON reader holds them exactly.
    private const ulong OutputMask = (1UL << 52) - 1;

    /// <summary>The orchestrator names, for starting them through the management API.</summary>
    public static IReadOnlyList<string> OrchestratorNames { get; } =
    [
        nameof(SyntheticSequenceOrchestrator),
        nameof(SyntheticFanOutOrchestrator),
        nameof(SyntheticTimerOrchestrator),
        nameof(SyntheticEventOrchestrator),
        nameof(SyntheticParentOrchestrator),
        nameof(SyntheticGenerationsOrchestrator),
    ];

    /// <summary>Registers the synthetic orchestrators and their activity.</summary>
    public static void Register(DurableTaskRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        registry
            .AddOrchestrator<SyntheticSequenceOrchestrator>()
            .AddOrchestrator<SyntheticFanOutOrchestrator>()
            .AddOrchestrator<SyntheticTimerOrchestrator>()
            .AddOrchestrator<SyntheticEventOrchestrator>()
            .AddOrchestrator<SyntheticParentOrchestrator>()
            .AddOrchestrator<SyntheticGenerationsOrchestrator>()
            .AddActivity<SyntheticStepActivity>();
    }

    /// <summary>What one step makes of a value: a 64-bit mix (splitmix64's finalizer) of the value and the step's number,
    /// cut to 52 bits. Order matters: a step applied twice, skipped or out of turn gives another result.</summary>
    public static long Mix(long value, int step)
    {
        ulong x = unchecked(((ulong)value * 0x9E3779B97F4A7C15UL) + (ulong)(uint)step + 1);
        x = unchecked((x ^ (x >> 30)) * 0xBF58476D1CE4E5B9UL);
        x = unchecked((x ^ (x >> 27)) * 0x94D049BB133111EBUL);
        return (long)((x ^ (x >> 31)) & OutputMask);
    }

    /// <summary>Results combined in order (each mixed into the running value as the step of its position).</summary>
    public static long Combine(IReadOnlyList<long> results)
    {
        ArgumentNullException.ThrowIfNull(results);
        long combined = 0;
        for (int i = 0; i < results.Count; i++)
        {
            combined = Mix(combined ^ results[i], i);
        }

        return combined;
    }

    /// <summary>The input of child <paramref name="index"/> of a <see cref="SyntheticParentOrchestrator"/>.</summary>
    public static SyntheticInput ChildInput(long seed, int index) => new(Mix(seed, 1000 + index), ChildSteps);

    /// <summary>The instance id of child <paramref name="index"/> of the parent <paramref name="parentId"/>.</summary>
    public static string ChildInstanceId(string parentId, int index) => string.Create(CultureInfo.InvariantCulture, $"{parentId}:child{index}");

    /// <summary>The output a crash-free run of <paramref name="orchestrator"/> gives for <paramref name="input"/>
    /// (<paramref name="signal"/>: the value of the event a <see cref="SyntheticEventOrchestrator"/> receives), worked out
    /// here without the engine.</summary>
    public static long ExpectedOutput(string orchestrator, SyntheticInput input, int signal = 0)
    {
        ArgumentNullException.ThrowIfNull(input);
        return orchestrator switch
        {
            nameof(SyntheticSequenceOrchestrator) => Sequence(input.Seed, input.Size),
            nameof(SyntheticFanOutOrchestrator) => Combine([.. Enumerable.Range(0, input.Size).Select(i => Mix(input.Seed, i))]),
            nameof(SyntheticTimerOrchestrator) => Mix(input.Seed, input.Size),
            nameof(SyntheticEventOrchestrator) => Mix(input.Seed, signal),
            nameof(SyntheticParentOrchestrator) => Combine([.. Enumerable.Range(0, input.Size).Select(i => ChildInput(input.Seed, i)).Select(c => Sequence(c.Seed, c.Size))]),
            nameof(SyntheticGenerationsOrchestrator) => Generations(input.Seed, input.Size),
            _ => throw new ArgumentException($"'{orchestrator}' is not a synthetic orchestrator.", nameof(orchestrator)),
        };
    }

    private static long Sequence(long seed, int steps)
    {
        long value = seed;
        for (int step = 0; step < steps; step++)
        {
            value = Mix(value, step);
        }

        return value;
    }

    private static long Generations(long seed, int generations)
    {
        long value = seed;
        for (int generation = generations; generation >= 1; generation--)
        {
            value = Mix(value, generation);
        }

        return value;
    }
}
