using Workflows.DurableTask.Sqlite.Storage;

namespace Workflows.DurableTask.Sqlite.Locking;

/// <summary>An instance locked by a claim's transaction, with the raw messages it consumes; its history is read and
/// its JSON parsed after the commit.</summary>
internal sealed record ClaimedInstance(string InstanceId, string LockToken, DateTime LockedUntilUtc, string ExecutionId, List<MessageRow> Messages);
