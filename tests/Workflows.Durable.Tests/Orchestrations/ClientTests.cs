using System.Collections.Concurrent;
using Workflows.Durable.Client;
using Workflows.Durable.Tests.Infrastructure;

namespace Workflows.Durable.Tests.Orchestrations;

public sealed class ClientTests
{
    private static readonly ConcurrentDictionary<string, int> Calls = new();

    private static void Tasks(DurableTaskRegistry r) => r
        .AddOrchestratorFunc<string, string>("Wait", (ctx, _) => ctx.WaitForExternalEvent<string>("Go"))
        .AddOrchestratorFunc<string, string>("Echo", (_, s) => Task.FromResult(s))
        .AddOrchestratorFunc<string, string>("Parent", (ctx, _) => ctx.CallSubOrchestratorAsync<string>("Wait", null, new SubOrchestrationOptions(instanceId: ctx.InstanceId + ":child")))
        .AddOrchestratorFunc<string, string>("FailsOnce", async (ctx, key) => await ctx.CallActivityAsync<string>("FailsFirstTime", key) + " after rewind")
        .AddActivityFunc<string, string>("FailsFirstTime", string (_, key) =>
            Calls.AddOrUpdate(key, 1, (_, n) => n + 1) == 1 ? throw new InvalidOperationException("first call fails") : "ok");

    [Fact]
    public async Task Schedule_with_an_id_dedupes_live_instances_and_replaces_finished_ones()
    {
        await using DurableTestHost host = await DurableTestHost.StartAsync(Tasks);
        await host.Client.ScheduleNewOrchestrationInstanceAsync("Wait", new StartOrchestrationOptions("dup"));

        await Assert.ThrowsAsync<OrchestrationAlreadyExistsException>(() =>
            host.Client.ScheduleNewOrchestrationInstanceAsync("Echo", "again", new StartOrchestrationOptions("dup")));

        await host.Client.RaiseEventAsync("dup", "Go", "first");
        Assert.Equal("first", (await host.WaitAsync("dup")).ReadOutputAs<string>());
        Assert.Equal("second", (await host.RunAsync("Echo", "second", "dup")).ReadOutputAs<string>());

        await Assert.ThrowsAsync<OrchestrationAlreadyExistsException>(() => host.Client.ScheduleNewOrchestrationInstanceAsync(
            "Echo", "third", new StartOrchestrationOptions("dup").WithDedupeStatuses(OrchestrationRuntimeStatus.Completed)));
    }

    [Fact]
    public async Task Scheduled_start_time_keeps_the_instance_pending_until_then_and_events_wait_for_it()
    {
        await using DurableTestHost host = await DurableTestHost.StartAsync(Tasks, fakeClock: true);
        DateTimeOffset startAt = host.Clock!.GetUtcNow().AddHours(2);

        string id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Wait", new StartOrchestrationOptions(StartAt: startAt));
        await host.Client.RaiseEventAsync(id, "Go", "early bird");
        await Task.Delay(300);
        Assert.Equal(OrchestrationRuntimeStatus.Pending, (await host.Client.GetInstanceAsync(id))!.RuntimeStatus);

        host.Clock.Advance(TimeSpan.FromHours(2));
        OrchestrationMetadata result = await host.WaitAsync(id);
        Assert.Equal("early bird", result.ReadOutputAs<string>());
    }

    [Fact]
    public async Task Get_instance_with_and_without_inputs_and_outputs()
    {
        await using DurableTestHost host = await DurableTestHost.StartAsync(Tasks);
        await host.RunAsync("Echo", "payload", "get-1");

        OrchestrationMetadata bare = (await host.Client.GetInstanceAsync("get-1"))!;
        OrchestrationMetadata full = (await host.Client.GetInstanceAsync("get-1", getInputsAndOutputs: true))!;

        Assert.Null(bare.SerializedInput);
        Assert.Throws<InvalidOperationException>(() => bare.ReadOutputAs<string>());
        Assert.Equal("payload", full.ReadInputAs<string>());
        Assert.Equal("payload", full.ReadOutputAs<string>());
        Assert.Equal("Echo", full.Name);
        Assert.True(full.IsCompleted);
        Assert.True(full.LastUpdatedAt >= full.CreatedAt);
        Assert.Null(await host.Client.GetInstanceAsync("missing"));
    }

    [Fact]
    public async Task Query_filters_by_status_and_prefix_and_pages_with_continuation_tokens()
    {
        await using DurableTestHost host = await DurableTestHost.StartAsync(Tasks);
        for (int i = 0; i < 7; i++)
        {
            await host.RunAsync("Echo", "x", $"q-done-{i}");
        }

        for (int i = 0; i < 3; i++)
        {
            await host.Client.ScheduleNewOrchestrationInstanceAsync("Wait", new StartOrchestrationOptions($"q-wait-{i}"));
            await host.Client.WaitForInstanceStartAsync($"q-wait-{i}");
        }

        var pages = new List<Page<OrchestrationMetadata>>();
        await foreach (Page<OrchestrationMetadata> page in host.Client.GetAllInstancesAsync(new OrchestrationQuery(InstanceIdPrefix: "q-", PageSize: 3)).AsPages())
        {
            pages.Add(page);
        }

        Assert.Equal([3, 3, 3, 1], pages.Select(p => p.Values.Count));
        Assert.Equal(10, pages.SelectMany(p => p.Values).Select(m => m.InstanceId).Distinct().Count());
        Assert.Null(pages[^1].ContinuationToken);

        var running = new List<string>();
        await foreach (OrchestrationMetadata m in host.Client.GetAllInstancesAsync(new OrchestrationQuery(Statuses: [OrchestrationRuntimeStatus.Running])))
        {
            running.Add(m.InstanceId);
        }

        Assert.Equal(["q-wait-0", "q-wait-1", "q-wait-2"], running.Order());
    }

    [Fact]
    public async Task Terminate_recursively_stops_the_parent_and_its_children_and_records_the_output()
    {
        await using DurableTestHost host = await DurableTestHost.StartAsync(Tasks);
        await host.Client.ScheduleNewOrchestrationInstanceAsync("Parent", new StartOrchestrationOptions("term"));
        await DurableTestHost.Eventually(async () => (await host.Client.GetInstanceAsync("term:child"))?.RuntimeStatus == OrchestrationRuntimeStatus.Running, "child running");

        await host.Client.TerminateInstanceAsync("term", new TerminateInstanceOptions("stopped by admin", Recursive: true));

        OrchestrationMetadata parent = await host.WaitAsync("term");
        OrchestrationMetadata child = await host.WaitAsync("term:child");
        Assert.Equal(OrchestrationRuntimeStatus.Terminated, parent.RuntimeStatus);
        Assert.Equal("stopped by admin", parent.ReadOutputAs<string>());
        Assert.Equal(OrchestrationRuntimeStatus.Terminated, child.RuntimeStatus);

        // Terminating a finished or unknown instance is a no-op.
        await host.Client.TerminateInstanceAsync("term");
        await host.Client.TerminateInstanceAsync("nobody");
        Assert.Equal(OrchestrationRuntimeStatus.Terminated, (await host.Client.GetInstanceAsync("term"))!.RuntimeStatus);
    }

    [Fact]
    public async Task Terminating_an_instance_cancels_activities_no_worker_has_started()
    {
        string key = Guid.NewGuid().ToString();
        using var started = new SemaphoreSlim(0);
        using var release = new SemaphoreSlim(0);
        await using DurableTestHost host = await DurableTestHost.StartAsync(
            r => r
                .AddOrchestratorFunc<string, string>("TwoEffects", async (ctx, k) =>
                {
                    await Task.WhenAll(ctx.CallActivityAsync<string>("Blocking", k), ctx.CallActivityAsync<string>("SendEmail", k));
                    return "both";
                })
                .AddActivityFunc<string, string>("Blocking", async (_, k) =>
                {
                    started.Release();
                    await release.WaitAsync();
                    return k;
                })
                .AddActivityFunc<string, string>("SendEmail", (_, k) =>
                {
                    Calls.AddOrUpdate(k, 1, (_, n) => n + 1);
                    return k;
                }),
            worker: o => o.Concurrency.MaximumConcurrentActivityWorkItems = 1);

        string id = await host.Client.ScheduleNewOrchestrationInstanceAsync("TwoEffects", key);
        await started.WaitAsync(TimeSpan.FromSeconds(30));
        await host.Client.TerminateInstanceAsync(id, "withdrawn");
        Assert.Equal(OrchestrationRuntimeStatus.Terminated, (await host.WaitAsync(id)).RuntimeStatus);
        release.Release();
        await Task.Delay(500);

        Assert.False(Calls.ContainsKey(key), "an activity of a terminated instance ran after the terminate");
    }

    [Fact]
    public async Task Suspended_instance_holds_its_events_until_resumed()
    {
        await using DurableTestHost host = await DurableTestHost.StartAsync(Tasks);
        string id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Wait");
        await host.Client.WaitForInstanceStartAsync(id);

        await host.Client.SuspendInstanceAsync(id, "maintenance");
        await DurableTestHost.Eventually(async () => (await host.Client.GetInstanceAsync(id))!.RuntimeStatus == OrchestrationRuntimeStatus.Suspended, "suspended");
        await host.Client.RaiseEventAsync(id, "Go", "held");
        await host.WaitForHistoryAsync(id, HistoryEventType.EventRaised);
        Assert.Equal(OrchestrationRuntimeStatus.Suspended, (await host.Client.GetInstanceAsync(id))!.RuntimeStatus);

        await host.Client.ResumeInstanceAsync(id, "done");
        OrchestrationMetadata result = await host.WaitAsync(id);
        Assert.Equal("held", result.ReadOutputAs<string>());
    }

    [Fact]
    public async Task Restart_reuses_the_input_with_the_same_or_a_new_id()
    {
        await using DurableTestHost host = await DurableTestHost.StartAsync(Tasks);
        await host.RunAsync("Echo", "original", "restart-me");

        string newId = await host.Client.RestartAsync("restart-me", restartWithNewInstanceId: true);
        string sameId = await host.Client.RestartAsync("restart-me");

        Assert.Equal("restart-me", sameId);
        Assert.NotEqual("restart-me", newId);
        Assert.Equal("original", (await host.WaitAsync(sameId)).ReadOutputAs<string>());
        Assert.Equal("original", (await host.WaitAsync(newId)).ReadOutputAs<string>());
        await Assert.ThrowsAsync<ArgumentException>(() => host.Client.RestartAsync("never-existed"));

        await host.Client.ScheduleNewOrchestrationInstanceAsync("Wait", new StartOrchestrationOptions("live"));
        await Assert.ThrowsAsync<InvalidOperationException>(() => host.Client.RestartAsync("live"));
    }

    [Fact]
    public async Task Rewind_runs_the_failed_activity_again_and_the_instance_completes()
    {
        string key = Guid.NewGuid().ToString();
        await using DurableTestHost host = await DurableTestHost.StartAsync(Tasks);
        OrchestrationMetadata failed = await host.RunAsync("FailsOnce", key, "rewind-me");
        Assert.Equal(OrchestrationRuntimeStatus.Failed, failed.RuntimeStatus);

        await host.Client.RewindInstanceAsync("rewind-me", "fixed the bug");

        OrchestrationMetadata result = await host.WaitAsync("rewind-me");
        Assert.Equal(OrchestrationRuntimeStatus.Completed, result.RuntimeStatus);
        Assert.Equal("ok after rewind", result.ReadOutputAs<string>());
        Assert.Equal(2, Calls[key]);
        await Assert.ThrowsAsync<InvalidOperationException>(() => host.Client.RewindInstanceAsync("rewind-me", "again"));
    }

    [Fact]
    public async Task Purge_removes_finished_instances_only()
    {
        await using DurableTestHost host = await DurableTestHost.StartAsync(Tasks);
        await host.RunAsync("Echo", "a", "purge-1");
        await host.RunAsync("Echo", "b", "purge-2");
        await host.RunAsync("Echo", "c", "purge-3");
        await host.Client.ScheduleNewOrchestrationInstanceAsync("Wait", new StartOrchestrationOptions("purge-live"));

        Assert.Equal(1, (await host.Client.PurgeInstanceAsync("purge-1")).PurgedInstanceCount);
        Assert.Equal(0, (await host.Client.PurgeInstanceAsync("purge-live")).PurgedInstanceCount);
        Assert.Null(await host.Client.GetInstanceAsync("purge-1"));
        Assert.Empty(await host.Client.GetOrchestrationHistoryAsync("purge-1"));

        PurgeResult byFilter = await host.Client.PurgeAllInstancesAsync(new PurgeInstancesFilter(Statuses: [OrchestrationRuntimeStatus.Completed]));
        Assert.Equal(2, byFilter.PurgedInstanceCount);
        Assert.NotNull(await host.Client.GetInstanceAsync("purge-live"));
    }

    [Fact]
    public async Task Purge_by_created_time_range_leaves_instances_outside_it()
    {
        await using DurableTestHost host = await DurableTestHost.StartAsync(Tasks, fakeClock: true);
        DateTimeOffset start = host.Clock!.GetUtcNow();
        await host.RunAsync("Echo", "old", "range-old");
        host.Clock.Advance(TimeSpan.FromDays(1));
        await host.RunAsync("Echo", "new", "range-new");

        PurgeResult result = await host.Client.PurgeInstancesAsync(start.AddHours(12), null);

        Assert.Equal(1, result.PurgedInstanceCount);
        Assert.NotNull(await host.Client.GetInstanceAsync("range-old"));
        Assert.Null(await host.Client.GetInstanceAsync("range-new"));
    }
}
