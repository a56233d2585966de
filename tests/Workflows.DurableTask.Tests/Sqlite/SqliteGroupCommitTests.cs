using DurableTask.Core;
using DurableTask.Core.Exceptions;
using DurableTask.Core.History;
using Microsoft.Data.Sqlite;
using Workflows.DurableTask.Sqlite;
using Workflows.DurableTask.Tests.Contract;

namespace Workflows.DurableTask.Tests.Sqlite;

/// <summary>Concurrent writes of one process share transactions, each in its own savepoint.</summary>
public sealed class SqliteGroupCommitTests : IDisposable
{
    private readonly SqliteTestFile file = new();

    public void Dispose() => this.file.Dispose();

    [Fact]
    public async Task Concurrent_writes_share_commits_and_a_failing_one_is_rolled_back_alone()
    {
        using var service = new SqliteOrchestrationService(SqliteContractTests.Settings(this.file.ConnectionString, ServiceProfile.Default));
        await service.CreateIfNotExistsAsync();
        string taken = "taken";
        await service.CreateTaskOrchestrationAsync(Start(taken));
        long before = service.Commits;

        // Another process holds the file's write lock while this one's writes arrive, as under real contention.
        const int Writes = 200;
        string[] ids = Enumerable.Range(0, Writes).Select(i => i == Writes / 2 ? taken : $"g-{i}").ToArray();
        Task[] writes;
        using (var other = new SqliteConnection(this.file.ConnectionString + ";Pooling=False"))
        {
            other.Open();
            using SqliteTransaction held = other.BeginTransaction(deferred: false);

            // Each call queues its write before it returns.
            writes = ids.Select(id => service.CreateTaskOrchestrationAsync(Start(id))).ToArray();
            held.Commit();
        }

        Exception? failure = await Record.ExceptionAsync(() => Task.WhenAll(writes));

        Assert.IsType<OrchestrationAlreadyExistsException>(failure);
        Assert.Equal(1, writes.Count(w => w.IsFaulted));
        Assert.True(service.Commits - before <= 3, $"{service.Commits - before} commits for {Writes} writes queued together.");
        foreach (string id in ids.Where(i => i != taken))
        {
            Assert.Equal(OrchestrationStatus.Pending, (await service.GetOrchestrationStateAsync(id, null!)).OrchestrationStatus);
        }
    }

    private static TaskMessage Start(string id)
    {
        var instance = new OrchestrationInstance { InstanceId = id, ExecutionId = Guid.NewGuid().ToString("N") };
        return new TaskMessage { OrchestrationInstance = instance, Event = new ExecutionStartedEvent(-1, null) { OrchestrationInstance = instance, Name = "Orch" } };
    }
}
