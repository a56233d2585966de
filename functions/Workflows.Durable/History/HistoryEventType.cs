namespace Workflows.Durable;

/// <summary>The kinds of event in an orchestration's history, as in the Durable Task Framework.</summary>
public enum HistoryEventType
{
    /// <summary>An execution began; carries the name, input and parent.</summary>
    ExecutionStarted,

    /// <summary>The execution ended; carries the status, output or failure.</summary>
    ExecutionCompleted,

    /// <summary>Not used; failure is an <see cref="ExecutionCompleted"/> with status Failed.</summary>
    ExecutionFailed,

    /// <summary>The execution was terminated.</summary>
    ExecutionTerminated,

    /// <summary>An activity was scheduled.</summary>
    TaskScheduled,

    /// <summary>An activity returned.</summary>
    TaskCompleted,

    /// <summary>An activity threw.</summary>
    TaskFailed,

    /// <summary>A sub-orchestration was started.</summary>
    SubOrchestrationInstanceCreated,

    /// <summary>A sub-orchestration completed.</summary>
    SubOrchestrationInstanceCompleted,

    /// <summary>A sub-orchestration failed.</summary>
    SubOrchestrationInstanceFailed,

    /// <summary>A durable timer was created.</summary>
    TimerCreated,

    /// <summary>A durable timer fired.</summary>
    TimerFired,

    /// <summary>An episode began; its timestamp is the orchestration's current time.</summary>
    OrchestratorStarted,

    /// <summary>An episode ended.</summary>
    OrchestratorCompleted,

    /// <summary>The orchestration sent an event to another instance.</summary>
    EventSent,

    /// <summary>An event arrived.</summary>
    EventRaised,

    /// <summary>The execution continued as new.</summary>
    ContinueAsNew,

    /// <summary>An event without a fixed meaning, used to wake an instance.</summary>
    GenericEvent,

    /// <summary>Not used.</summary>
    HistoryState,

    /// <summary>The execution was suspended.</summary>
    ExecutionSuspended,

    /// <summary>The execution was resumed.</summary>
    ExecutionResumed,

    /// <summary>The failed execution was rewound.</summary>
    ExecutionRewound,

    /// <summary>The orchestrator began waiting for the external event named <see cref="HistoryEvent.Name"/> (an extension of
    /// this engine, so that timelines can show waits): written once, when the wait starts outside replay, and ignored by
    /// replay.</summary>
    EventWaitStarted,
}
