using DurableTask.Core;
using DurableTask.Core.History;
using Workflows.DurableTask.Sqlite;
using Workflows.DurableTask.Tests.Contract;

namespace Workflows.DurableTask.Tests.Sqlite;

/// <summary>One claim locks as many work items as the process has free slots; the rest are handed out without another
/// transaction, and a stop gives back what was never handed out.</summary>
public sealed class SqliteClaimBatchTests : IDisposable
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    private readonly SqliteTestFile file = new();
    private readonly SqliteStoreProbe probe;
    private readonly List<SqliteOrchestrationService> services = [];

    public SqliteClaimBatchTests() => this.probe = new SqliteStoreProbe(this.file);

    public void Dispose()
    {
        foreach (SqliteOrchestrationService service in this.services)
        {
            service.Dispose();
        }

        this.file.Dispose();
    }

    [Fact]
    public async Task One_claim_locks_an_instance_per_free_slot_and_hands_them_out_without_another_commit()
    {
        SqliteOrchestrationService service = await this.ServiceAsync("worker-a", slots: 4);
        var created = new HashSet<string>();
        for (int i = 0; i < 6; i++)
        {
            created.Add(await SqliteLockingTests.CreateAsync(service));
        }

        long before = service.Commits;
        var items = new List<TaskOrchestrationWorkItem> { await service.LockNextTaskOrchestrationWorkItemAsync(Wait, CancellationToken.None) };
        Assert.Equal(before + 1, service.Commits);
        Assert.Equal(4, this.probe.Scalar("SELECT COUNT(*) FROM Instances WHERE LockedBy = 'worker-a'"));

        for (int i = 0; i < 3; i++)
        {
            items.Add(await service.LockNextTaskOrchestrationWorkItemAsync(Wait, CancellationToken.None));
        }

        Assert.Equal(before + 1, service.Commits);
        Assert.Equal(4, items.Select(i => i.InstanceId).Distinct().Count());
        Assert.All(items, i => Assert.Contains(i.InstanceId, created));
        Assert.All(items, i => Assert.IsType<ExecutionStartedEvent>(Assert.Single(i.NewMessages).Event, exactMatch: false));

        // Every slot is busy now: the next claim takes one instance only.
        items.Add(await service.LockNextTaskOrchestrationWorkItemAsync(Wait, CancellationToken.None));
        Assert.Equal(5, this.probe.Scalar("SELECT COUNT(*) FROM Instances WHERE LockedBy = 'worker-a'"));

        // Each checkpoint still holds its own lock.
        foreach (TaskOrchestrationWorkItem item in items)
        {
            await new Episode(item).Complete("\"done\"").CommitAsync(service);
            await service.ReleaseTaskOrchestrationWorkItemAsync(item);
        }

        Assert.Equal(5, this.probe.Scalar("SELECT COUNT(*) FROM Instances WHERE RuntimeStatus = 1 AND LockToken IS NULL"));
    }

    [Fact]
    public async Task Stop_gives_back_claimed_instances_never_handed_out_so_another_worker_takes_them_at_once()
    {
        SqliteOrchestrationService first = await this.ServiceAsync("worker-a", slots: 3);
        for (int i = 0; i < 3; i++)
        {
            await SqliteLockingTests.CreateAsync(first);
        }

        await first.StartAsync();
        TaskOrchestrationWorkItem handedOut = await first.LockNextTaskOrchestrationWorkItemAsync(Wait, CancellationToken.None);
        Assert.Equal(3, this.probe.Scalar("SELECT COUNT(*) FROM Instances WHERE LockedBy = 'worker-a'"));

        await first.StopAsync(isForced: false);

        Assert.Equal(1, this.probe.Scalar("SELECT COUNT(*) FROM Instances WHERE LockToken IS NOT NULL"));
        Assert.Equal(handedOut.InstanceId, this.probe.Value("SELECT InstanceId FROM Instances WHERE LockToken IS NOT NULL"));
        SqliteOrchestrationService second = await this.ServiceAsync("worker-b", slots: 3);
        TaskOrchestrationWorkItem taken = await second.LockNextTaskOrchestrationWorkItemAsync(Wait, CancellationToken.None);
        Assert.NotEqual(handedOut.InstanceId, taken.InstanceId);
        Assert.Equal(2, this.probe.Scalar("SELECT COUNT(*) FROM Instances WHERE LockedBy = 'worker-b'"));
    }

    [Fact]
    public async Task One_claim_locks_a_task_per_free_slot_and_each_completes_on_its_own()
    {
        SqliteOrchestrationService service = await this.ServiceAsync("worker-a", slots: 3);
        string id = await SqliteLockingTests.CreateAsync(service);
        TaskOrchestrationWorkItem item = await service.LockNextTaskOrchestrationWorkItemAsync(Wait, CancellationToken.None);
        await new Episode(item).ScheduleActivity(0, "A").ScheduleActivity(1, "B").ScheduleActivity(2, "C").ScheduleActivity(3, "D").CommitAsync(service);

        long before = service.Commits;
        var tasks = new List<TaskActivityWorkItem>();
        for (int i = 0; i < 3; i++)
        {
            tasks.Add(await service.LockNextTaskActivityWorkItem(Wait, CancellationToken.None));
        }

        Assert.Equal(before + 1, service.Commits);
        Assert.Equal(["A", "B", "C"], tasks.Select(t => ((TaskScheduledEvent)t.TaskMessage.Event).Name));
        Assert.Equal(1, this.probe.Scalar("SELECT COUNT(*) FROM Tasks WHERE LockToken IS NULL"));

        // A lost lock on one task leaves the others of the claim alone.
        this.probe.Execute("UPDATE Tasks SET LockToken = 'theirs' WHERE Name = 'B'");
        await service.CompleteTaskActivityWorkItemAsync(tasks[0], SqliteLockingTests.Result(tasks[0]));
        await Assert.ThrowsAsync<Workflows.DurableTask.Sqlite.Locking.WorkItemLockLostException>(() => service.CompleteTaskActivityWorkItemAsync(tasks[1], SqliteLockingTests.Result(tasks[1])));
        await service.CompleteTaskActivityWorkItemAsync(tasks[2], SqliteLockingTests.Result(tasks[2]));

        Assert.Equal(2, this.probe.Scalar("SELECT COUNT(*) FROM Messages WHERE InstanceId = $id AND EventType = 5", ("$id", id)));
        Assert.Equal(["B", "D"], this.ReadNames("SELECT Name FROM Tasks ORDER BY SequenceNumber"));
    }

    [Fact]
    public async Task A_checkpoint_writes_its_tasks_locked_for_free_activity_slots_and_they_are_handed_out_without_a_claim()
    {
        SqliteOrchestrationService service = await this.ServiceAsync("worker-a", slots: 2);
        string id = await SqliteLockingTests.CreateAsync(service);

        // The activity dispatcher polls (and finds nothing) before the episode runs, as a started worker's does.
        Assert.Null(await service.LockNextTaskActivityWorkItem(TimeSpan.FromMilliseconds(50), CancellationToken.None));
        TaskOrchestrationWorkItem item = await service.LockNextTaskOrchestrationWorkItemAsync(Wait, CancellationToken.None);
        await new Episode(item).ScheduleActivity(0, "A").ScheduleActivity(1, "B").ScheduleActivity(2, "C").CommitAsync(service);

        // Two free slots: A and B are locked by the checkpoint itself, C waits for any worker's claim.
        Assert.Equal(["A", "B"], this.ReadNames("SELECT Name FROM Tasks WHERE LockedBy = 'worker-a' AND DequeueCount = 1 ORDER BY SequenceNumber"));
        Assert.Equal(["C"], this.ReadNames("SELECT Name FROM Tasks WHERE LockToken IS NULL"));

        long before = service.Commits;
        TaskActivityWorkItem a = await service.LockNextTaskActivityWorkItem(Wait, CancellationToken.None);
        TaskActivityWorkItem b = await service.LockNextTaskActivityWorkItem(Wait, CancellationToken.None);
        Assert.Equal(before, service.Commits);
        Assert.Equal(["A", "B"], new[] { a, b }.Select(t => ((TaskScheduledEvent)t.TaskMessage.Event).Name));
        Assert.All(new[] { a, b }, t => Assert.Equal(id, t.TaskMessage.OrchestrationInstance.InstanceId));

        // Another worker can take only the unlocked task, and each completion checks its own lock.
        SqliteOrchestrationService other = await this.ServiceAsync("worker-b", slots: 2);
        TaskActivityWorkItem c = await other.LockNextTaskActivityWorkItem(Wait, CancellationToken.None);
        Assert.Equal("C", ((TaskScheduledEvent)c.TaskMessage.Event).Name);
        await service.CompleteTaskActivityWorkItemAsync(a, SqliteLockingTests.Result(a));
        this.probe.Execute("UPDATE Tasks SET LockToken = 'theirs' WHERE Name = 'B'");
        await Assert.ThrowsAsync<Workflows.DurableTask.Sqlite.Locking.WorkItemLockLostException>(() => service.CompleteTaskActivityWorkItemAsync(b, SqliteLockingTests.Result(b)));
        await other.CompleteTaskActivityWorkItemAsync(c, SqliteLockingTests.Result(c));
        Assert.Equal(2, this.probe.Scalar("SELECT COUNT(*) FROM Messages WHERE InstanceId = $id AND EventType = 5", ("$id", id)));
    }

    [Fact]
    public async Task Tasks_written_locked_but_never_handed_out_are_given_back_at_stop()
    {
        SqliteOrchestrationService service = await this.ServiceAsync("worker-a", slots: 3);
        await SqliteLockingTests.CreateAsync(service);
        await service.StartAsync();
        Assert.Null(await service.LockNextTaskActivityWorkItem(TimeSpan.FromMilliseconds(50), CancellationToken.None));
        TaskOrchestrationWorkItem item = await service.LockNextTaskOrchestrationWorkItemAsync(Wait, CancellationToken.None);
        await new Episode(item).ScheduleActivity(0, "A").ScheduleActivity(1, "B").CommitAsync(service);
        Assert.Equal(2, this.probe.Scalar("SELECT COUNT(*) FROM Tasks WHERE LockedBy = 'worker-a'"));

        await service.StopAsync(isForced: false);

        Assert.Equal(0, this.probe.Scalar("SELECT COUNT(*) FROM Tasks WHERE LockToken IS NOT NULL"));
        SqliteOrchestrationService other = await this.ServiceAsync("worker-b", slots: 3);
        TaskActivityWorkItem taken = await other.LockNextTaskActivityWorkItem(Wait, CancellationToken.None);
        Assert.Equal("A", ((TaskScheduledEvent)taken.TaskMessage.Event).Name);
    }

    [Fact]
    public async Task A_create_in_a_process_whose_dispatcher_has_a_free_slot_locks_the_instance_for_it_and_hands_it_out_without_a_claim()
    {
        SqliteOrchestrationService service = await this.ServiceAsync("worker-a", slots: 1);
        await service.StartAsync();
        Assert.Null(await service.LockNextTaskOrchestrationWorkItemAsync(TimeSpan.FromMilliseconds(50), CancellationToken.None));

        string id = await SqliteLockingTests.CreateAsync(service, "\"in\"");
        Assert.Equal(1, this.probe.Scalar("SELECT COUNT(*) FROM Instances WHERE InstanceId = $id AND LockedBy = 'worker-a'", ("$id", id)));

        // The only slot is promised: the next create waits for a claim by any worker.
        string second = await SqliteLockingTests.CreateAsync(service);
        Assert.Equal(1, this.probe.Scalar("SELECT COUNT(*) FROM Instances WHERE InstanceId = $id AND LockToken IS NULL", ("$id", second)));

        long before = service.Commits;
        TaskOrchestrationWorkItem item = await service.LockNextTaskOrchestrationWorkItemAsync(Wait, CancellationToken.None);
        Assert.Equal(before, service.Commits);
        Assert.Equal(id, item.InstanceId);
        ExecutionStartedEvent started = Assert.IsType<ExecutionStartedEvent>(Assert.Single(item.NewMessages).Event);
        Assert.Equal("\"in\"", started.Input);
        Assert.Empty(item.OrchestrationRuntimeState.Events);

        await new Episode(item).Complete("\"done\"").CommitAsync(service);
        await service.ReleaseTaskOrchestrationWorkItemAsync(item);
        Assert.Equal(0, this.probe.Scalar("SELECT COUNT(*) FROM Messages WHERE InstanceId = $id", ("$id", id)));
        Assert.Equal(OrchestrationStatus.Completed, (await service.GetOrchestrationStateAsync(id, null!)).OrchestrationStatus);

        // The other one is claimed from the store as before.
        TaskOrchestrationWorkItem claimed = await service.LockNextTaskOrchestrationWorkItemAsync(Wait, CancellationToken.None);
        Assert.Equal(second, claimed.InstanceId);
        Assert.Equal(before + 2, service.Commits);
    }

    [Fact]
    public async Task A_created_instance_locked_for_this_process_but_never_handed_out_is_given_back_at_stop()
    {
        SqliteOrchestrationService service = await this.ServiceAsync("worker-a", slots: 2);
        await service.StartAsync();
        Assert.Null(await service.LockNextTaskOrchestrationWorkItemAsync(TimeSpan.FromMilliseconds(50), CancellationToken.None));
        string id = await SqliteLockingTests.CreateAsync(service);
        Assert.Equal(1, this.probe.Scalar("SELECT COUNT(*) FROM Instances WHERE LockedBy = 'worker-a'"));

        await service.StopAsync(isForced: false);

        Assert.Equal(0, this.probe.Scalar("SELECT COUNT(*) FROM Instances WHERE LockToken IS NOT NULL"));
        SqliteOrchestrationService other = await this.ServiceAsync("worker-b", slots: 2);
        Assert.Equal(id, (await other.LockNextTaskOrchestrationWorkItemAsync(Wait, CancellationToken.None)).InstanceId);
    }

    private List<string> ReadNames(string sql)
    {
        var names = new List<string>();
        for (int i = 0; ; i++)
        {
            object? value = this.probe.Value(sql + " LIMIT 1 OFFSET " + i);
            if (value is null)
            {
                return names;
            }

            names.Add((string)value);
        }
    }

    private async Task<SqliteOrchestrationService> ServiceAsync(string workerId, int slots)
    {
        SqliteOrchestrationServiceSettings settings = SqliteContractTests.Settings(this.file.ConnectionString, ServiceProfile.Default);
        settings.WorkerId = workerId;
        settings.MaxConcurrentTaskOrchestrationWorkItems = slots;
        settings.MaxConcurrentTaskActivityWorkItems = slots;
        var service = new SqliteOrchestrationService(settings);
        this.services.Add(service);
        await service.CreateIfNotExistsAsync();
        return service;
    }
}
