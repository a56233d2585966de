using DurableTask.Core;

namespace Workflows.DurableTask.Sqlite.Locking;

/// <summary>An orchestration work item with the lock that claimed it and the messages it consumes.</summary>
internal sealed class SqliteOrchestrationWorkItem : TaskOrchestrationWorkItem
{
    public required string LockToken { get; init; }

    /// <summary>The Messages rows behind <see cref="TaskOrchestrationWorkItem.NewMessages"/>, deleted by the checkpoint.</summary>
    public IReadOnlyList<long> MessageIds
    {
        get;
        set
        {
            field = value;
            foreach (long id in value)
            {
                this.LastConsumedSequence = Math.Max(this.LastConsumedSequence, id);
            }
        }
    } = [];

    /// <summary>The highest Messages row any episode of this item consumed. Rows are numbered in commit order and a read
    /// takes every visible row of the instance, so a message handed over from memory with a number at or below it was
    /// already read from the store (its hand-over came late) and must not be fed again.</summary>
    public long LastConsumedSequence { get; private set; }

    /// <summary>The Payloads rows of those messages, deleted with them.</summary>
    public IReadOnlyList<long> MessagePayloadIds { get; set; } = [];

    /// <summary>The dispatcher's shutdown token from the call that claimed the item: an extended session stops waiting
    /// for new messages when the dispatcher stops, so a graceful stop is not held for the idle timeout.</summary>
    public CancellationToken DispatcherStopping { get; set; }

    /// <summary>Whether this item counts against the service's extended sessions until it is released.</summary>
    public bool HoldsSession { get; set; }

    /// <summary>Whether the item counts against this process's busy orchestration slots (until released).</summary>
    public bool InFlight { get; set; }

    /// <summary>Whether the lock was already given up (by a checkpoint that ended the lock, or by a release).</summary>
    public bool Released { get; set; }
}
