using DurableTask.Core;

namespace Workflows.DurableTask.Sqlite.Locking;

/// <summary>An activity work item with the lock that claimed it.</summary>
internal sealed class SqliteActivityWorkItem : TaskActivityWorkItem
{
    public required string LockToken { get; init; }

    public required long SequenceNumber { get; init; }

    /// <summary>Whether the item counts against this process's busy activity slots (until completed or abandoned).</summary>
    public bool InFlight { get; set; }
}
