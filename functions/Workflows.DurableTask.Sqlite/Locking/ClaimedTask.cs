namespace Workflows.DurableTask.Sqlite.Locking;

/// <summary>A Tasks row locked by a claim's transaction; its JSON is parsed after the commit.</summary>
internal sealed record ClaimedTask(long SequenceNumber, string InstanceId, string ExecutionId, string Json);
