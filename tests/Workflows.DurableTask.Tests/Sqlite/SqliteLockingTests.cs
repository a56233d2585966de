using DurableTask.Core;
using DurableTask.Core.History;
using Microsoft.Data.Sqlite;
using Workflows.DurableTask.Sqlite;
using Workflows.DurableTask.Sqlite.Locking;
using Workflows.DurableTask.Tests.Contract;

namespace Workflows.DurableTask.Tests.Sqlite;

/// <summary>What locks, completions, abandons and payloads do to the SQLite tables.</summary>
public sealed class SqliteLockingTests : IDisposable
{
    private readonly SqliteTestFile file = new();
    private readonly SqliteStoreProbe probe;
    private readonly List<SqliteOrchestrationService> services = [];

    public SqliteLockingTests() => this.probe = new SqliteStoreProbe(this.file);

    public void Dispose()
    {
        foreach (SqliteOrchestrationService service in this.services)
        {
            service.Dispose();
        }

        this.file.Dispose();
    }

    [Fact]
    public async Task Lock_writes_owner_token_and_expiry_and_the_checkpoint_clears_them()
    {
        SqliteOrchestrationService service = await this.ServiceAsync(ServiceProfile.Default, workerId: "worker-a");
        string id = await CreateAsync(service);
        DateTime before = DateTime.UtcNow;
        TaskOrchestrationWorkItem item = await service.LockNextTaskOrchestrationWorkItemAsync(TimeSpan.FromSeconds(10), CancellationToken.None);

        Assert.Equal("worker-a", this.probe.Value("SELECT LockedBy FROM Instances WHERE InstanceId = $id", ("$id", id)));
        Assert.NotNull(this.probe.Value("SELECT LockToken FROM Instances WHERE InstanceId = $id", ("$id", id)));
        long expiry = this.probe.Scalar("SELECT LockExpiration FROM Instances WHERE InstanceId = $id", ("$id", id));
        Assert.InRange(new DateTime(expiry, DateTimeKind.Utc), before.AddMinutes(1).AddSeconds(-1), DateTime.UtcNow.AddMinutes(1).AddSeconds(1));
        Assert.Equal(item.LockedUntilUtc.Ticks, expiry);

        await new Episode(item).ScheduleActivity(0, "Act").CommitAsync(service);
        Assert.Null(this.probe.Value("SELECT LockToken FROM Instances WHERE InstanceId = $id", ("$id", id)));
        Assert.Null(this.probe.Value("SELECT LockExpiration FROM Instances WHERE InstanceId = $id", ("$id", id)));
        Assert.Equal(0, this.probe.Scalar("SELECT COUNT(*) FROM Messages"));
        Assert.Equal(4, this.probe.Scalar("SELECT COUNT(*) FROM History WHERE InstanceId = $id", ("$id", id)));
        Assert.Equal(1, this.probe.Scalar("SELECT COUNT(*) FROM Tasks WHERE InstanceId = $id AND LockToken IS NULL", ("$id", id)));
    }

    [Fact]
    public async Task Stale_completion_throws_lock_lost_and_leaves_every_table_as_it_was()
    {
        SqliteOrchestrationService service = await this.ServiceAsync(ServiceProfile.Default);
        string id = await CreateAsync(service);
        TaskOrchestrationWorkItem item = await service.LockNextTaskOrchestrationWorkItemAsync(TimeSpan.FromSeconds(10), CancellationToken.None);

        // Another worker's takeover, as the claim SQL would do it after expiry.
        this.probe.Execute("UPDATE Instances SET LockedBy = 'other', LockToken = 'theirs' WHERE InstanceId = $id", ("$id", id));
        await Assert.ThrowsAsync<WorkItemLockLostException>(() => new Episode(item).ScheduleActivity(0, "Act").CommitAsync(service));
        await Assert.ThrowsAsync<WorkItemLockLostException>(() => service.RenewTaskOrchestrationWorkItemLockAsync(item));
        await service.AbandonTaskOrchestrationWorkItemAsync(item);

        Assert.Equal(0, this.probe.Scalar("SELECT COUNT(*) FROM History"));
        Assert.Equal(0, this.probe.Scalar("SELECT COUNT(*) FROM Tasks"));
        Assert.Equal(1, this.probe.Scalar("SELECT COUNT(*) FROM Messages WHERE InstanceId = $id AND DequeueCount = 0", ("$id", id)));
        Assert.Equal("theirs", this.probe.Value("SELECT LockToken FROM Instances WHERE InstanceId = $id", ("$id", id)));
        Assert.Equal((long)OrchestrationStatus.Pending, this.probe.Scalar("SELECT RuntimeStatus FROM Instances WHERE InstanceId = $id", ("$id", id)));
    }

    [Fact]
    public async Task Expired_but_untaken_lock_still_rejects_its_completion()
    {
        SqliteOrchestrationService service = await this.ServiceAsync(ServiceProfile.Default);
        string id = await CreateAsync(service);
        TaskOrchestrationWorkItem item = await service.LockNextTaskOrchestrationWorkItemAsync(TimeSpan.FromSeconds(10), CancellationToken.None);
        this.probe.Execute("UPDATE Instances SET LockExpiration = $past WHERE InstanceId = $id", ("$past", DateTime.UtcNow.AddSeconds(-1).Ticks), ("$id", id));

        await Assert.ThrowsAsync<WorkItemLockLostException>(() => new Episode(item).CommitAsync(service));
        Assert.Equal(0, this.probe.Scalar("SELECT COUNT(*) FROM History"));
    }

    [Fact]
    public async Task Stale_activity_completion_throws_lock_lost_and_delivers_nothing()
    {
        SqliteOrchestrationService service = await this.ServiceAsync(ServiceProfile.Default);
        string id = await CreateAsync(service);
        TaskOrchestrationWorkItem item = await service.LockNextTaskOrchestrationWorkItemAsync(TimeSpan.FromSeconds(10), CancellationToken.None);
        await new Episode(item).ScheduleActivity(0, "Act").CommitAsync(service);
        TaskActivityWorkItem activity = await service.LockNextTaskActivityWorkItem(TimeSpan.FromSeconds(10), CancellationToken.None);
        Assert.Equal(1, this.probe.Scalar("SELECT DequeueCount FROM Tasks"));

        this.probe.Execute("UPDATE Tasks SET LockToken = 'theirs'");
        await Assert.ThrowsAsync<WorkItemLockLostException>(() => service.CompleteTaskActivityWorkItemAsync(activity, Result(activity)));
        await Assert.ThrowsAsync<WorkItemLockLostException>(() => service.RenewTaskActivityWorkItemLockAsync(activity));
        Assert.Equal(1, this.probe.Scalar("SELECT COUNT(*) FROM Tasks"));
        Assert.Equal(0, this.probe.Scalar("SELECT COUNT(*) FROM Messages"));
    }

    [Fact]
    public async Task Abandon_delays_the_work_and_doubles_the_delay_each_time()
    {
        SqliteOrchestrationService service = await this.ServiceAsync(ServiceProfile.Default, abandonDelay: TimeSpan.FromMinutes(1), maxAbandonDelay: TimeSpan.FromMinutes(10));
        string id = await CreateAsync(service);
        TaskOrchestrationWorkItem item = await service.LockNextTaskOrchestrationWorkItemAsync(TimeSpan.FromSeconds(10), CancellationToken.None);
        DateTime before = DateTime.UtcNow;
        await service.AbandonTaskOrchestrationWorkItemAsync(item);
        long visible = this.probe.Scalar("SELECT VisibleTime FROM Messages WHERE InstanceId = $id", ("$id", id));
        Assert.InRange(new DateTime(visible, DateTimeKind.Utc), before.AddMinutes(1), DateTime.UtcNow.AddMinutes(1));
        Assert.Null(this.probe.Value("SELECT LockToken FROM Instances WHERE InstanceId = $id", ("$id", id)));
        Assert.Null(await service.LockNextTaskOrchestrationWorkItemAsync(TimeSpan.FromMilliseconds(200), CancellationToken.None));

        this.probe.Execute("UPDATE Messages SET VisibleTime = 0");
        item = await service.LockNextTaskOrchestrationWorkItemAsync(TimeSpan.FromSeconds(10), CancellationToken.None);
        before = DateTime.UtcNow;
        await service.AbandonTaskOrchestrationWorkItemAsync(item);
        visible = this.probe.Scalar("SELECT VisibleTime FROM Messages WHERE InstanceId = $id", ("$id", id));
        Assert.InRange(new DateTime(visible, DateTimeKind.Utc), before.AddMinutes(2), DateTime.UtcNow.AddMinutes(2));
        Assert.Equal(2, this.probe.Scalar("SELECT DequeueCount FROM Messages WHERE InstanceId = $id", ("$id", id)));
    }

    [Fact]
    public async Task Extended_session_keeps_the_lock_after_a_checkpoint_until_released()
    {
        SqliteOrchestrationService service = await this.ServiceAsync(ServiceProfile.Sessions);
        string id = await CreateAsync(service);
        TaskOrchestrationWorkItem item = await service.LockNextTaskOrchestrationWorkItemAsync(TimeSpan.FromSeconds(10), CancellationToken.None);
        string? token = (string?)this.probe.Value("SELECT LockToken FROM Instances WHERE InstanceId = $id", ("$id", id));
        await new Episode(item).ScheduleActivity(0, "Act").CommitAsync(service);
        Assert.Equal(token, this.probe.Value("SELECT LockToken FROM Instances WHERE InstanceId = $id", ("$id", id)));

        await service.ReleaseTaskOrchestrationWorkItemAsync(item);
        Assert.Null(this.probe.Value("SELECT LockToken FROM Instances WHERE InstanceId = $id", ("$id", id)));
    }

    [Fact]
    public async Task Payloads_over_the_inline_threshold_live_in_their_own_table_and_go_with_the_instance()
    {
        SqliteOrchestrationService service = await this.ServiceAsync(ServiceProfile.Default);
        string small = "\"" + new string('s', 8 * 1024 - 2) + "\"";
        string large = "\"" + new string('l', 8 * 1024) + "\"";
        string smallId = await CreateAsync(service, small);
        string largeId = await CreateAsync(service, large);

        Assert.Equal(small, this.probe.Value("SELECT Input FROM Instances WHERE InstanceId = $id", ("$id", smallId)));
        Assert.Null(this.probe.Value("SELECT InputPayloadId FROM Instances WHERE InstanceId = $id", ("$id", smallId)));
        Assert.Null(this.probe.Value("SELECT Input FROM Instances WHERE InstanceId = $id", ("$id", largeId)));
        Assert.Equal(large, this.probe.Value("SELECT p.Data FROM Payloads p JOIN Instances i ON i.InputPayloadId = p.PayloadId WHERE i.InstanceId = $id", ("$id", largeId)));
        Assert.Equal(large, (await service.GetOrchestrationStateAsync(largeId, null!)).Input);

        await service.ForceTerminateTaskOrchestrationAsync(largeId, "stop");
        Assert.True(this.probe.Scalar("SELECT COUNT(*) FROM Payloads WHERE InstanceId = $id", ("$id", largeId)) > 0);
        Assert.Equal(1, (await service.PurgeInstanceStateAsync(largeId)).DeletedInstanceCount);
        Assert.Equal(0, this.probe.Scalar("SELECT COUNT(*) FROM Payloads WHERE InstanceId = $id", ("$id", largeId)));
    }

    [Fact]
    public async Task History_key_refuses_a_second_event_at_the_same_instance_execution_and_sequence()
    {
        SqliteOrchestrationService service = await this.ServiceAsync(ServiceProfile.Default);
        string id = await CreateAsync(service);
        TaskOrchestrationWorkItem item = await service.LockNextTaskOrchestrationWorkItemAsync(TimeSpan.FromSeconds(10), CancellationToken.None);
        await new Episode(item).CommitAsync(service);

        SqliteException duplicate = Assert.Throws<SqliteException>(() => this.probe.Execute(
            "INSERT INTO History (InstanceId, ExecutionId, SequenceNumber, EventType, TaskId, Timestamp, Data) SELECT InstanceId, ExecutionId, SequenceNumber, EventType, TaskId, Timestamp, Data FROM History WHERE SequenceNumber = 1"));
        Assert.Equal(19, duplicate.SqliteErrorCode);
    }

    [Fact]
    public async Task Continue_as_new_deletes_the_finished_executions_history_rows()
    {
        SqliteOrchestrationService service = await this.ServiceAsync(ServiceProfile.Default);
        string id = await CreateAsync(service);
        TaskOrchestrationWorkItem item = await service.LockNextTaskOrchestrationWorkItemAsync(TimeSpan.FromSeconds(10), CancellationToken.None);
        string first = item.NewMessages[0].OrchestrationInstance.ExecutionId;
        await new Episode(item).CommitAsync(service);
        await service.SendTaskOrchestrationMessageAsync(new TaskMessage { OrchestrationInstance = new OrchestrationInstance { InstanceId = id }, Event = new EventRaisedEvent(-1, "x") { Name = "E" } });
        item = await service.LockNextTaskOrchestrationWorkItemAsync(TimeSpan.FromSeconds(10), CancellationToken.None);
        await new Episode(item).ContinueAsNew("2").CommitAsync(service);

        Assert.Equal(0, this.probe.Scalar("SELECT COUNT(*) FROM History WHERE ExecutionId = $x", ("$x", first)));
        Assert.Equal(3, this.probe.Scalar("SELECT COUNT(*) FROM History WHERE InstanceId = $id", ("$id", id)));
    }

    [Fact]
    public async Task Unreadable_message_is_set_aside_and_the_rest_of_the_work_goes_on()
    {
        SqliteOrchestrationService service = await this.ServiceAsync(ServiceProfile.Default);
        string id = await CreateAsync(service);
        TaskOrchestrationWorkItem item = await service.LockNextTaskOrchestrationWorkItemAsync(TimeSpan.FromSeconds(10), CancellationToken.None);
        await new Episode(item).CommitAsync(service);
        this.probe.Execute(
            "INSERT INTO Messages (InstanceId, EventType, VisibleTime, Data) VALUES ($id, 17, 0, '{\"$type\":\"No.Such.Event, Nowhere\"}')",
            ("$id", id));
        await service.SendTaskOrchestrationMessageAsync(new TaskMessage { OrchestrationInstance = new OrchestrationInstance { InstanceId = id }, Event = new EventRaisedEvent(-1, "ok") { Name = "E" } });

        TaskOrchestrationWorkItem next = await service.LockNextTaskOrchestrationWorkItemAsync(TimeSpan.FromSeconds(10), CancellationToken.None);
        Assert.Equal("ok", Assert.IsType<EventRaisedEvent>(Assert.Single(next.NewMessages).Event).Input);
        long setAside = this.probe.Scalar("SELECT VisibleTime FROM Messages WHERE EventType = 17");
        Assert.True(new DateTime(setAside, DateTimeKind.Utc) > DateTime.UtcNow.AddSeconds(30), "The unreadable message was not set aside.");
    }

    [Fact]
    public async Task Sub_orchestration_over_a_live_id_fails_back_to_its_parent_and_leaves_the_live_instance_alone()
    {
        SqliteOrchestrationService service = await this.ServiceAsync(ServiceProfile.Default);
        string busy = await CreateAsync(service, "\"busy\"");
        TaskOrchestrationWorkItem busyItem = await service.LockNextTaskOrchestrationWorkItemAsync(TimeSpan.FromSeconds(10), CancellationToken.None);
        await new Episode(busyItem).CommitAsync(service);
        string parent = await CreateAsync(service);
        TaskOrchestrationWorkItem item = await service.LockNextTaskOrchestrationWorkItemAsync(TimeSpan.FromSeconds(10), CancellationToken.None);
        Assert.Equal(parent, item.InstanceId);
        await new Episode(item).StartSubOrchestration(3, busy, "Child").CommitAsync(service);

        TaskOrchestrationWorkItem report = await service.LockNextTaskOrchestrationWorkItemAsync(TimeSpan.FromSeconds(10), CancellationToken.None);
        Assert.Equal(parent, report.InstanceId);
        SubOrchestrationInstanceFailedEvent failed = Assert.IsType<SubOrchestrationInstanceFailedEvent>(Assert.Single(report.NewMessages).Event);
        Assert.Equal(3, failed.TaskScheduledId);
        Assert.Equal("\"busy\"", (await service.GetOrchestrationStateAsync(busy, null!)).Input);
    }

    internal static TaskMessage Result(TaskActivityWorkItem activity) => new()
    {
        Event = new TaskCompletedEvent(-1, activity.TaskMessage.Event.EventId, "\"r\""),
        OrchestrationInstance = activity.TaskMessage.OrchestrationInstance,
    };

    internal static async Task<string> CreateAsync(SqliteOrchestrationService service, string? input = null)
    {
        string id = $"i-{Guid.NewGuid():N}";
        var instance = new OrchestrationInstance { InstanceId = id, ExecutionId = Guid.NewGuid().ToString("N") };
        await service.CreateTaskOrchestrationAsync(new TaskMessage
        {
            OrchestrationInstance = instance,
            Event = new ExecutionStartedEvent(-1, input) { OrchestrationInstance = instance, Name = "Orch", Version = string.Empty },
        });
        return id;
    }

    private async Task<SqliteOrchestrationService> ServiceAsync(ServiceProfile profile, string? workerId = null, TimeSpan? abandonDelay = null, TimeSpan? maxAbandonDelay = null)
    {
        SqliteOrchestrationServiceSettings settings = SqliteContractTests.Settings(this.file.ConnectionString, profile);
        settings.WorkerId = workerId;
        settings.MaxAbandonDelay = maxAbandonDelay ?? settings.MaxAbandonDelay;
        settings.AbandonDelay = abandonDelay ?? settings.AbandonDelay;
        var service = new SqliteOrchestrationService(settings);
        this.services.Add(service);
        await service.CreateIfNotExistsAsync();
        return service;
    }
}
