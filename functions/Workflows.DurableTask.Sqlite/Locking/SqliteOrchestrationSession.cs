using DurableTask.Core;

namespace Workflows.DurableTask.Sqlite.Locking;

/// <summary>DurableTask.Core's extended session over one locked instance: the dispatcher keeps the orchestration in
/// memory and asks here for the messages that arrived since its last episode, while the instance stays locked.</summary>
internal sealed class SqliteOrchestrationSession : IOrchestrationSession
{
    private readonly Func<SqliteOrchestrationWorkItem, Task<IList<TaskMessage>?>> fetch;

    public SqliteOrchestrationSession(Func<SqliteOrchestrationWorkItem, Task<IList<TaskMessage>?>> fetch) => this.fetch = fetch;

    /// <summary>The new messages, or null when none came within the idle timeout or the lock was lost: the session ends
    /// and the dispatcher releases the work item.</summary>
    public Task<IList<TaskMessage>?> FetchNewOrchestrationMessagesAsync(TaskOrchestrationWorkItem workItem) =>
        this.fetch((SqliteOrchestrationWorkItem)workItem);

    /// <summary>Nothing to do: the dispatcher releases the work item (and with it the lock) after the session.</summary>
    public Task EndSessionAsync() => Task.CompletedTask;
}
