namespace Workflows.DurableTask.Sqlite.Storage;

/// <summary>A Messages row as read inside a claim's transaction; its JSON is turned into an event after the commit,
/// off the single writer.</summary>
internal readonly record struct MessageRow(long SequenceNumber, string? ExecutionId, int EventType, long? PayloadId, string Json);
