using DurableTask.Core;

namespace Workflows.DurableTask.Sqlite.Locking;

/// <summary>A message this process committed to the Messages table (row <see cref="SequenceNumber"/>, with its payload
/// row if it has one), handed to a waiting session of its instance from memory.</summary>
internal sealed record DeliveredMessage(long SequenceNumber, long? PayloadId, TaskMessage Message);
