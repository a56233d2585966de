namespace Workflows.DurableTask.CrashHost;

/// <summary>The kinds of orchestration the crash workload mixes; instance <c>i</c> is of kind <c>i % 7</c>.</summary>
public enum WorkloadKind
{
    /// <summary>Five activities in sequence.</summary>
    Sequence,

    /// <summary>Activities in parallel, then their sum.</summary>
    FanOut,

    /// <summary>A durable timer of one or two seconds on the real clock, then an activity.</summary>
    Timer,

    /// <summary>Waits for an external event, raced against a long durable timer.</summary>
    Event,

    /// <summary>Calls a sub-orchestration, which calls an activity.</summary>
    SubOrchestration,

    /// <summary>Calls an activity that fails on its first attempt, with a durable retry policy.</summary>
    Retry,

    /// <summary>One activity per generation, continued as new until the last generation.</summary>
    ContinueAsNew,
}
