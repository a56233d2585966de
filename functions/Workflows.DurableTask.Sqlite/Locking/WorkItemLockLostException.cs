using DurableTask.Core.Exceptions;

namespace Workflows.DurableTask.Sqlite.Locking;

/// <summary>A completion or renewal came from a worker whose lock expired or was taken over; nothing was changed.</summary>
/// <remarks>It derives from <see cref="SessionAbortedException"/> on purpose: DurableTask.Core's orchestration and
/// activity dispatchers catch that type around processing and completion, log the work item as aborted (a warning, no
/// error back-off) and abandon it, and abandoning a lost lock changes nothing here. The new lock holder carries on.</remarks>
public sealed class WorkItemLockLostException : SessionAbortedException
{
    /// <summary>Creates the exception.</summary>
    public WorkItemLockLostException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public WorkItemLockLostException()
    {
    }

    /// <summary>Creates the exception.</summary>
    public WorkItemLockLostException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
