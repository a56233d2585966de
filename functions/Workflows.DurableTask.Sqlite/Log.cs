using Microsoft.Extensions.Logging;

namespace Workflows.DurableTask.Sqlite;

/// <summary>The provider's log messages (event ids 1100-1199). Messages name instances and work items, never the
/// connection string.</summary>
internal static partial class Log
{
    [LoggerMessage(1100, LogLevel.Information, "SQLite orchestration service ready: task hub {TaskHub}, schema version {SchemaVersion}, worker {WorkerId}.")]
    public static partial void Ready(ILogger logger, string taskHub, int schemaVersion, string workerId);

    [LoggerMessage(1101, LogLevel.Warning, "Rejected the {Operation} of {Kind} work item {WorkItem}: its lock expired or was taken over; nothing was changed.")]
    public static partial void LockLost(ILogger logger, string operation, string kind, string workItem);

    [LoggerMessage(1102, LogLevel.Information, "Dropped a {EventType} message for instance {InstanceId}: {Reason}.")]
    public static partial void MessageDropped(ILogger logger, string eventType, string instanceId, string reason);

    [LoggerMessage(1103, LogLevel.Warning, "Duplicate execution of instance {InstanceId}, execution {ExecutionId}: another worker already wrote history event {SequenceNumber}; this checkpoint was rolled back.")]
    public static partial void DuplicateExecution(ILogger logger, string instanceId, string executionId, int sequenceNumber);

    [LoggerMessage(1104, LogLevel.Information, "Dropped the result of activity {WorkItem} for instance {InstanceId}: the execution it belongs to is no longer running.")]
    public static partial void ActivityResultDropped(ILogger logger, string workItem, string instanceId);

    [LoggerMessage(1105, LogLevel.Warning, "Polling the SQLite store for {Kind} work failed; retrying.")]
    public static partial void PollFailed(ILogger logger, string kind, Exception error);

    [LoggerMessage(1106, LogLevel.Debug, "Abandoned {Kind} work item {WorkItem}; visible again in {Delay}.")]
    public static partial void Abandoned(ILogger logger, string kind, string workItem, TimeSpan delay);

    [LoggerMessage(1107, LogLevel.Information, "Purged {Count} instance(s).")]
    public static partial void Purged(ILogger logger, int count);

    [LoggerMessage(1108, LogLevel.Error, "Message {SequenceNumber} for instance {InstanceId} cannot be read by this version; it is set aside for a minute.")]
    public static partial void UnreadableMessage(ILogger logger, long sequenceNumber, string instanceId, Exception error);

    [LoggerMessage(1109, LogLevel.Warning, "Checkpointing the SQLite write-ahead log failed with SQLite error {ErrorCode}; retrying.")]
    public static partial void CheckpointFailed(ILogger logger, int errorCode);
}
