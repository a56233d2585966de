using System.Globalization;
using Workflows.DurableTask.CrashHost.Activities;
using Workflows.DurableTask.CrashHost.Orchestrations;

namespace Workflows.DurableTask.CrashHost;

/// <summary>The crash workload: names, deterministic instance ids, inputs, and the outputs a crash-free run gives.</summary>
/// <remarks>The expected outputs are written in closed form here, apart from the orchestrator code, so that a test
/// comparing against them checks the engine rather than repeating the orchestrators.</remarks>
public static class Workload
{
    /// <summary>The prefix of every top-level instance id.</summary>
    public const string InstancePrefix = "crash-";

    /// <summary>The external event the <see cref="WorkloadKind.Event"/> orchestrations wait for.</summary>
    public const string EventName = "Approve";

    /// <summary>How many activities a fan-out runs in parallel.</summary>
    public const int FanOutWidth = 16;

    /// <summary>How many activities a sequence runs.</summary>
    public const int SequenceLength = 5;

    /// <summary>How many generations a <see cref="WorkloadKind.ContinueAsNew"/> instance runs, the first included.</summary>
    public const int Generations = 4;

    /// <summary>How long each activity works after recording its side effect, as real work (I/O) would: a kill in
    /// that window loses the result of an effect that already happened, so the task runs again.</summary>
    public static readonly TimeSpan ActivityWork = TimeSpan.FromMilliseconds(25);

    private static readonly int KindCount = Enum.GetValues<WorkloadKind>().Length;

    /// <summary>The kind of instance number <paramref name="index"/>.</summary>
    public static WorkloadKind KindOf(int index) => (WorkloadKind)(index % KindCount);

    /// <summary>The instance id of instance number <paramref name="index"/>; the same in every run.</summary>
    public static string InstanceId(int index) =>
        string.Create(CultureInfo.InvariantCulture, $"{InstancePrefix}{index:D4}-{KindOf(index)}");

    /// <summary>The orchestrator of a kind.</summary>
    public static string OrchestratorName(WorkloadKind kind) => kind switch
    {
        WorkloadKind.Sequence => nameof(SequenceOrchestrator),
        WorkloadKind.FanOut => nameof(FanOutOrchestrator),
        WorkloadKind.Timer => nameof(TimerOrchestrator),
        WorkloadKind.Event => nameof(ApprovalOrchestrator),
        WorkloadKind.SubOrchestration => nameof(ParentOrchestrator),
        WorkloadKind.Retry => nameof(RetryOrchestrator),
        WorkloadKind.ContinueAsNew => nameof(GenerationsOrchestrator),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown workload kind."),
    };

    /// <summary>The input instance number <paramref name="index"/> is scheduled with.</summary>
    public static object Input(int index) =>
        KindOf(index) == WorkloadKind.ContinueAsNew ? new GenerationState(index, 0, 0) : index;

    /// <summary>Whether this instance's event is raised right after it is scheduled (buffered until the orchestrator
    /// waits); the other events are raised while the workers run and get killed.</summary>
    public static bool EventRaisedEarly(int index) => KindOf(index) == WorkloadKind.Event && index / KindCount % 2 == 0;

    /// <summary>The payload of the event for an <see cref="WorkloadKind.Event"/> instance.</summary>
    public static string EventPayload(int index) => Format($"ok-{index}");

    /// <summary>The input of the sub-orchestration of a <see cref="WorkloadKind.SubOrchestration"/> instance.</summary>
    public static string ChildInput(int index) => Format($"child-{index}");

    /// <summary>The timer length of a <see cref="WorkloadKind.Timer"/> instance.</summary>
    public static TimeSpan TimerDelay(int index) => TimeSpan.FromSeconds(1 + (index % 2));

    /// <summary>The input of the activity that generation <paramref name="generation"/> of instance number
    /// <paramref name="index"/> calls; distinct across the instance's generations.</summary>
    public static int GenerationActivityInput(int index, int generation) => (10 * index) + generation;

    /// <summary>The activity calls a crash-free run of instance number <paramref name="index"/> makes (those of its
    /// sub-orchestration excepted), by activity name and the key its side effect is recorded under. A retried call is
    /// listed once.</summary>
    public static IReadOnlyList<(string Name, string Key)> ExpectedActivities(int index)
    {
        switch (KindOf(index))
        {
            case WorkloadKind.Sequence:
                var steps = new List<(string, string)>();
                for (long value = index, step = 0; step < SequenceLength; step++, value = (2 * value) + 1)
                {
                    steps.Add((nameof(ScaleActivity), value.ToString(CultureInfo.InvariantCulture)));
                }

                return steps;
            case WorkloadKind.FanOut:
                return [.. Enumerable.Range(0, FanOutWidth).Select(k => (nameof(ScaleActivity), ((index * 100) + k).ToString(CultureInfo.InvariantCulture)))];
            case WorkloadKind.Timer:
                return [(nameof(UpperActivity), Format($"t{index}"))];
            case WorkloadKind.Retry:
                return [(nameof(FlakyActivity), index.ToString(CultureInfo.InvariantCulture))];
            case WorkloadKind.ContinueAsNew:
                return [.. Enumerable.Range(0, Generations).Select(g => (nameof(ScaleActivity), GenerationActivityInput(index, g).ToString(CultureInfo.InvariantCulture)))];
            default:
                return [];
        }
    }

    /// <summary>The input of the last generation of a <see cref="WorkloadKind.ContinueAsNew"/> instance.</summary>
    public static GenerationState LastGenerationInput(int index)
    {
        long total = 0;
        for (int generation = 0; generation < Generations - 1; generation++)
        {
            total += (2 * GenerationActivityInput(index, generation)) + 1;
        }

        return new GenerationState(index, Generations - 1, total);
    }

    /// <summary>The output a crash-free run of instance number <paramref name="index"/> gives.</summary>
    public static string ExpectedOutput(int index) => KindOf(index) switch
    {
        // x -> 2x + 1 five times from i: (i + 1) * 2^5 - 1.
        WorkloadKind.Sequence => Format($"seq:{((index + 1) * 32) - 1}"),

        // The sum over k < W of 2 (100 i + k) + 1 = 200 i W + W (W - 1) + W.
        WorkloadKind.FanOut => Format($"fan:{(200L * index * FanOutWidth) + (FanOutWidth * FanOutWidth)}"),
        WorkloadKind.Timer => Format($"timer:T{index}"),
        WorkloadKind.Event => Format($"event:ok-{index}"),
        WorkloadKind.SubOrchestration => Format($"parent:CHILD-{index}!"),
        WorkloadKind.Retry => Format($"retry:flaky-{index}"),

        // The sum over g < G of 2 (10 i + g) + 1 = 20 i G + G (G - 1) + G.
        WorkloadKind.ContinueAsNew => Format($"generations:{(20L * index * Generations) + (Generations * Generations)}"),
        _ => throw new ArgumentOutOfRangeException(nameof(index), index, "Unknown workload kind."),
    };

    /// <summary>The output the <see cref="EchoOrchestrator"/> sub-orchestration of instance number <paramref name="index"/> gives.</summary>
    public static string ExpectedChildOutput(int index) => Format($"CHILD-{index}!");

    private static string Format(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
