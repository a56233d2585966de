namespace Workflows.Durable.Worker;

/// <summary>The context of one activity call run by the worker.</summary>
internal sealed class WorkerActivityContext : TaskActivityContext
{
    public WorkerActivityContext(TaskName name, string instanceId, int taskId, string? version)
    {
        this.Name = name;
        this.InstanceId = instanceId;
        this.TaskId = taskId;
        this.Version = version ?? string.Empty;
    }

    public override TaskName Name { get; }

    public override string InstanceId { get; }

    public override int TaskId { get; }

    public override string Version { get; }
}
