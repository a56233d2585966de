using Microsoft.Extensions.Logging;

namespace Workflows.Durable.Worker;

/// <summary>The worker's log messages; event ids 1000-1099 are the worker's and are stable.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 1000, Level = LogLevel.Information, Message = "Durable task worker '{Worker}' started: {Orchestrations} orchestration and {Activities} activity slots.")]
    public static partial void WorkerStarted(ILogger logger, string worker, int orchestrations, int activities);

    [LoggerMessage(EventId = 1001, Level = LogLevel.Information, Message = "Durable task worker '{Worker}' stopped.")]
    public static partial void WorkerStopped(ILogger logger, string worker);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Warning, Message = "Episode of instance '{InstanceId}' was discarded: {Reason}")]
    public static partial void EpisodeDiscarded(ILogger logger, string instanceId, string reason);

    [LoggerMessage(EventId = 1003, Level = LogLevel.Error, Message = "Episode of instance '{InstanceId}' could not be processed; it will be retried.")]
    public static partial void EpisodeError(ILogger logger, string instanceId, Exception exception);

    [LoggerMessage(EventId = 1004, Level = LogLevel.Warning, Message = "Result of activity '{Name}' (#{TaskId}) of instance '{InstanceId}' was rejected: its lock was lost and another worker owns the task.")]
    public static partial void ActivityResultRejected(ILogger logger, string name, int taskId, string instanceId);

    [LoggerMessage(EventId = 1005, Level = LogLevel.Error, Message = "The {Dispatcher} dispatcher hit a storage error; it will retry.")]
    public static partial void DispatcherError(ILogger logger, string dispatcher, Exception exception);

    [LoggerMessage(EventId = 1006, Level = LogLevel.Information, Message = "Orchestration '{Name}' instance '{InstanceId}' finished as {Status}.")]
    public static partial void OrchestrationFinished(ILogger logger, string name, string instanceId, Workflows.Durable.Client.OrchestrationRuntimeStatus status);

    [LoggerMessage(EventId = 1007, Level = LogLevel.Warning, Message = "Activity '{Name}' (#{TaskId}) of instance '{InstanceId}' failed: {ErrorType}: {ErrorMessage}")]
    public static partial void ActivityFailed(ILogger logger, string name, int taskId, string instanceId, string errorType, string errorMessage);

    [LoggerMessage(EventId = 1008, Level = LogLevel.Warning, Message = "Shutdown: {Count} activities did not finish in time; their locks were released so that they run again.")]
    public static partial void ActivitiesAbandoned(ILogger logger, int count);
}
