namespace Workflows.Durable;

/// <summary>Thrown into an orchestrator when an activity or sub-orchestration it awaited failed.</summary>
public sealed class TaskFailedException : Exception
{
    /// <summary>Creates the exception from the exception of the failed task.</summary>
    public TaskFailedException(string taskName, int taskId, Exception innerException)
        : base(FormatMessage(taskName, taskId, innerException?.Message), innerException)
    {
        ArgumentNullException.ThrowIfNull(innerException);
        this.TaskName = taskName;
        this.TaskId = taskId;
        this.FailureDetails = TaskFailureDetails.FromException(innerException);
    }

    /// <summary>Creates the exception from the failure details of the failed task.</summary>
    public TaskFailedException(string taskName, int taskId, TaskFailureDetails failureDetails)
        : base(FormatMessage(taskName, taskId, failureDetails?.ErrorMessage))
    {
        ArgumentNullException.ThrowIfNull(failureDetails);
        this.TaskName = taskName;
        this.TaskId = taskId;
        this.FailureDetails = failureDetails;
    }

    /// <summary>The failed task's name.</summary>
    public string TaskName { get; }

    /// <summary>The failed task's id in the orchestration's history.</summary>
    public int TaskId { get; }

    /// <summary>What failed and why.</summary>
    public TaskFailureDetails FailureDetails { get; }

    private static string FormatMessage(string taskName, int taskId, string? message) =>
        $"Task '{taskName}' (#{taskId}) failed with an unhandled exception: {message}";
}
