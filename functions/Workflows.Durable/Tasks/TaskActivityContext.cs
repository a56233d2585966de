namespace Workflows.Durable;

/// <summary>What an activity knows of the call that runs it.</summary>
public abstract class TaskActivityContext
{
    /// <summary>The activity's name.</summary>
    public abstract TaskName Name { get; }

    /// <summary>The id of the orchestration instance that scheduled the activity.</summary>
    public abstract string InstanceId { get; }

    /// <summary>The activity's version.</summary>
    public virtual string Version => string.Empty;

    /// <summary>The id of the TaskScheduled event of this call in the orchestration's history; -1 when unknown.</summary>
    /// <remarks>An extension of this engine. Activities run at least once: the pair (<see cref="InstanceId"/>,
    /// <see cref="TaskId"/>) is the same on every redelivery of one call, so it is the key that makes an outside effect
    /// (an email, a payment) idempotent.</remarks>
    public virtual int TaskId => -1;
}
