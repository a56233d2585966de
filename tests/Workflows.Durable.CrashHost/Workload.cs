using System.Globalization;

namespace Workflows.Durable.CrashHost;

/// <summary>The crash workload: names, deterministic instance ids, inputs, and the outputs a crash-free run gives.</summary>
/// <remarks>The expected outputs are written in closed form here, independently of the orchestrator code, so that a
/// test comparing against them checks the engine rather than repeating it.</remarks>
public static class Workload
{
    /// <summary>The orchestrator of <see cref="WorkloadKind.FanOut"/>.</summary>
    public const string FanOut = "FanOut";

    /// <summary>The orchestrator of <see cref="WorkloadKind.Timer"/>.</summary>
    public const string Timer = "Timer";

    /// <summary>The orchestrator of <see cref="WorkloadKind.Event"/>.</summary>
    public const string Approval = "Approval";

    /// <summary>The orchestrator of <see cref="WorkloadKind.SubOrchestration"/>.</summary>
    public const string Parent = "Parent";

    /// <summary>The sub-orchestrator that <see cref="Parent"/> calls.</summary>
    public const string Echo = "Echo";

    /// <summary>The orchestrator of <see cref="WorkloadKind.Retry"/>.</summary>
    public const string Retry = "Retry";

    /// <summary>The activity that upper-cases a string.</summary>
    public const string Upper = "Upper";

    /// <summary>The external event the <see cref="Approval"/> orchestrations wait for.</summary>
    public const string EventName = "Approve";

    /// <summary>How many activities a fan-out runs in parallel.</summary>
    public const int FanOutWidth = 20;

    /// <summary>How many activities a sequence runs.</summary>
    public const int SequenceLength = 5;

    /// <summary>How many activities one host process runs at once.</summary>
    public const int ActivitySlots = 8;

    /// <summary>How long each activity works after recording its side effect, as real work (I/O) would: a kill in
    /// that window loses the result of an effect that already happened, so the task runs again.</summary>
    public static readonly TimeSpan ActivityWork = TimeSpan.FromMilliseconds(25);

    /// <summary>The kind of instance number <paramref name="index"/>.</summary>
    public static WorkloadKind KindOf(int index) => (WorkloadKind)(index % 6);

    /// <summary>The instance id of instance number <paramref name="index"/>; the same in every run.</summary>
    public static string InstanceId(int index) =>
        string.Create(CultureInfo.InvariantCulture, $"crash-{index:D4}-{KindOf(index)}");

    /// <summary>The orchestrator name of a kind.</summary>
    public static string OrchestratorName(WorkloadKind kind) => kind switch
    {
        WorkloadKind.Sequence => nameof(SequenceOrchestrator),
        WorkloadKind.FanOut => FanOut,
        WorkloadKind.Timer => Timer,
        WorkloadKind.Event => Approval,
        WorkloadKind.SubOrchestration => Parent,
        WorkloadKind.Retry => Retry,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown workload kind."),
    };

    /// <summary>Whether the seed step raises this instance's event before any worker runs (buffered until the
    /// orchestrator waits); the others' events are raised by the <c>events</c> mode while workers run.</summary>
    public static bool EventRaisedBySeed(int index) => KindOf(index) == WorkloadKind.Event && index / 6 % 2 == 0;

    /// <summary>The payload of the event for an <see cref="WorkloadKind.Event"/> instance.</summary>
    public static string EventPayload(int index) => string.Create(CultureInfo.InvariantCulture, $"ok-{index}");

    /// <summary>The input of the sub-orchestration of a <see cref="WorkloadKind.SubOrchestration"/> instance.</summary>
    public static string ChildInput(int index) => string.Create(CultureInfo.InvariantCulture, $"child-{index}");

    /// <summary>The timer length of a <see cref="WorkloadKind.Timer"/> instance.</summary>
    public static TimeSpan TimerDelay(int index) => TimeSpan.FromSeconds(1 + (index % 2));

    /// <summary>The output a crash-free run of instance number <paramref name="index"/> gives.</summary>
    public static string ExpectedOutput(int index) => KindOf(index) switch
    {
        // x -> 2x + 1 five times from i: (i + 1) * 2^5 - 1.
        WorkloadKind.Sequence => Format($"seq:{((index + 1) * 32) - 1}"),

        // sum over k < 20 of 2 * (100 i + k) + 1 = 4000 i + 2 * 190 + 20.
        WorkloadKind.FanOut => Format($"fan:{(4000L * index) + 400}"),
        WorkloadKind.Timer => Format($"timer:T{index}"),
        WorkloadKind.Event => Format($"event:ok-{index}"),
        WorkloadKind.SubOrchestration => Format($"parent:CHILD-{index}!"),
        WorkloadKind.Retry => Format($"retry:flaky-{index}"),
        _ => throw new ArgumentOutOfRangeException(nameof(index), index, "Unknown workload kind."),
    };

    /// <summary>The output the <see cref="Echo"/> sub-orchestration of instance number <paramref name="index"/> gives.</summary>
    public static string ExpectedChildOutput(int index) => Format($"CHILD-{index}!");

    private static string Format(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
