namespace Workflows.Durable;

/// <summary>Options of a sub-orchestration call, with the child's instance id.</summary>
public record SubOrchestrationOptions : TaskOptions
{
    /// <summary>Creates options.</summary>
    public SubOrchestrationOptions(TaskRetryOptions? retry = null, string? instanceId = null)
        : base(retry)
    {
        this.InstanceId = instanceId;
    }

    /// <summary>Creates options from task options and an instance id.</summary>
    public SubOrchestrationOptions(TaskOptions options, string? instanceId = null)
        : base(options)
    {
        this.InstanceId = instanceId;
    }

    /// <summary>The child's instance id; a deterministic one is made when it is null.</summary>
    public string? InstanceId { get; init; }
}
