using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Worker;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Workflows.DurableTask.Tests.Infrastructure;

namespace Workflows.DurableTask.Tests.Hosting;

/// <summary>Stopping a host lets the work items in hand finish rather than abandoning them.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class GracefulStopTests(AzuriteServer azurite)
{
    private static readonly TaskCompletionSource ActivityStarted = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private static readonly TaskCompletionSource ActivityReleased = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private static int runs;

    [Fact]
    public async Task Stopping_the_host_finishes_the_running_activity_so_it_is_not_run_again()
    {
        string hub = AzuriteServer.NewTaskHubName("drain");
        using var patience = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        string id;
        using (IHost first = this.BuildHost(hub))
        {
            await first.StartAsync(patience.Token);
            id = await first.Services.GetRequiredService<DurableTaskClient>().ScheduleNewOrchestrationInstanceAsync("Slow", cancellation: patience.Token);
            await ActivityStarted.Task.WaitAsync(patience.Token);

            // Released only once the worker drains, so the stop has to wait for it.
            await first.StopAsync(patience.Token);
            Assert.True(ActivityReleased.Task.IsCompleted, "The worker stopped without draining the activity in hand.");
        }

        Assert.Equal(1, Volatile.Read(ref runs));
        using IHost second = this.BuildHost(hub);
        await second.StartAsync(patience.Token);
        OrchestrationMetadata done = await second.Services.GetRequiredService<DurableTaskClient>()
            .WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, patience.Token);

        Assert.Equal("slept", done.ReadOutputAs<string>());
        Assert.Equal(1, Volatile.Read(ref runs));
        await second.StopAsync(patience.Token);
    }

    private IHost BuildHost(string hub)
    {
        HostApplicationBuilder builder = SharedServiceTests.NewBuilder();
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(60));
        builder.Logging.AddFilter("DurableTask.Core", LogLevel.Debug);
        builder.Logging.AddProvider(new CapturingLoggerProvider(entry =>
        {
            // DurableTask.Core says so only when a non-forced stop waits for work items in hand.
            if (entry.Category == "DurableTask.Core" && entry.Message.Contains("draining", StringComparison.OrdinalIgnoreCase))
            {
                ActivityReleased.TrySetResult();
            }
        }));
        builder.Services.AddDurableTaskWorker(b => b
            .AddTasks(tasks =>
            {
                tasks.AddActivityFunc<string?, string>("Sleep", async (_, _) =>
                {
                    Interlocked.Increment(ref runs);
                    ActivityStarted.TrySetResult();
                    // Bounded, so that a worker that never drains fails the test instead of hanging it.
                    await ActivityReleased.Task.WaitAsync(TimeSpan.FromMinutes(1));
                    return "slept";
                });
                tasks.AddOrchestratorFunc<string?, string>("Slow", (context, _) => context.CallActivityAsync<string>("Sleep"));
            })
            .UseAzureStorage(azurite.ConnectionString, Configure));
        builder.Services.AddDurableTaskClient(b => b.UseAzureStorage(azurite.ConnectionString, Configure));
        return builder.Build();

        // Messages the stopped worker had taken but not processed come back after the control-queue visibility timeout.
        void Configure(global::DurableTask.AzureStorage.AzureStorageOrchestrationServiceSettings settings)
        {
            settings.TaskHubName = hub;
            settings.PartitionCount = 1;
            settings.ControlQueueVisibilityTimeout = TimeSpan.FromSeconds(3);
        }
    }
}
