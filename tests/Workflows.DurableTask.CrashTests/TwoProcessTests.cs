using Workflows.DurableTask.CrashTests.Infrastructure;
using Workflows.DurableTask.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Workflows.DurableTask.CrashTests;

/// <summary>Two host processes work on one store at once, on each provider.</summary>
/// <remarks>Nothing is killed and the takeover time is long, so a task that ran twice would mean that two processes
/// held it at once.</remarks>
[Collection(CrashCollection.Name)]
public sealed class TwoProcessTests(AzuriteServer azurite, ITestOutputHelper output)
{
    private static readonly TimeSpan Takeover = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task Two_hosts_on_one_SQLite_file_complete_every_orchestration_and_no_activity_twice()
    {
        await using CrashWorkspace workspace = await CrashWorkspace.OnSqliteAsync(output, Takeover);
        await RunAsync(workspace, instances: 210, TimeSpan.FromSeconds(90), TimeSpan.Zero);
    }

    [Fact]
    public async Task Two_hosts_on_one_Azure_Storage_task_hub_complete_every_orchestration_and_no_activity_twice()
    {
        await using CrashWorkspace workspace = await CrashWorkspace.OnAzureStorageAsync(output, azurite, Takeover, partitions: 2);
        await RunAsync(workspace, instances: 35, TimeSpan.FromSeconds(180), timerGranularity: TimeSpan.FromSeconds(1));
    }

    private static async Task RunAsync(CrashWorkspace workspace, int instances, TimeSpan timeout, TimeSpan timerGranularity)
    {
        await workspace.ScheduleAsync(instances);
        CrashHostProcess first = workspace.StartWorker("worker A");
        CrashHostProcess second = workspace.StartWorker("worker B");
        await Task.WhenAll(first.WaitUntilReadyAsync(TimeSpan.FromSeconds(60)), second.WaitUntilReadyAsync(TimeSpan.FromSeconds(60)));
        workspace.Log($"workers started: pids {first.Id} and {second.Id}");
        await workspace.RaiseEarlyEventsAsync();
        await workspace.RaiseLateEventsAsync(instances, onlyToStartedInstances: false);
        await workspace.WaitForAllCompletedAsync(instances, timeout, first, second);
        workspace.Log("all instances Completed");
        first.Kill();
        second.Kill();

        workspace.Log(await WorkloadVerifier.VerifyAsync(workspace.Client, workspace.EffectsPath, instances, new VerificationRules(ExactlyOnce: true, AllowRedeliveredResponses: false, timerGranularity)));
        Assert.True(SideEffectTable.ExecutionsBy(workspace.EffectsPath, first.Id) > 0, $"{first.Name} ran no activity.");
        Assert.True(SideEffectTable.ExecutionsBy(workspace.EffectsPath, second.Id) > 0, $"{second.Name} ran no activity.");
    }
}
