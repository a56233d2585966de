namespace Workflows.Durable.Client;

/// <summary>The status of an orchestration instance; names and order as in Microsoft.DurableTask.</summary>
public enum OrchestrationRuntimeStatus
{
    /// <summary>Started and not yet finished.</summary>
    Running,

    /// <summary>Finished with an output.</summary>
    Completed,

    /// <summary>Not used: an instance that continued as new is Running.</summary>
    [Obsolete("Instances that continue as new are reported as Running.")]
    ContinuedAsNew,

    /// <summary>Finished with a failure.</summary>
    Failed,

    /// <summary>Not used.</summary>
    [Obsolete("Not used.")]
    Canceled,

    /// <summary>Stopped by a terminate request.</summary>
    Terminated,

    /// <summary>Created and not yet run.</summary>
    Pending,

    /// <summary>Paused by a suspend request.</summary>
    Suspended,
}
