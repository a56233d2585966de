using System.Diagnostics;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Workflows.DurableTask.Client;
using Workflows.DurableTask.CrashHost;
using Workflows.DurableTask.CrashHost.Activities;
using Workflows.DurableTask.CrashHost.Store;
using Workflows.DurableTask.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Workflows.DurableTask.CrashTests.Infrastructure;

/// <summary>One crash test's store, its side-effect file in a temporary folder, the crash host processes started on
/// them, and a client-only host in the test process (no worker) that schedules the workload and reads the results.</summary>
/// <remarks>Disposing kills every process it started, each by its own id, and deletes the folder.</remarks>
public sealed class CrashWorkspace : IAsyncDisposable
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan KillMomentPoll = TimeSpan.FromMilliseconds(20);
    private static readonly TimeSpan RefusedEventPatience = TimeSpan.FromMinutes(3);
    private readonly List<int> earlyEvents = [];

    private readonly ITestOutputHelper output;
    private readonly List<CrashHostProcess> processes = [];
    private readonly Stopwatch clock = Stopwatch.StartNew();
    private readonly IHost clientHost;

    private CrashWorkspace(ITestOutputHelper output, string folder, CrashStore store)
    {
        this.output = output;
        this.Folder = folder;
        this.Store = store;
        this.EffectsPath = Path.Combine(folder, "side-effects.db");
        using (var effects = new SideEffectLog(this.EffectsPath))
        {
            effects.EnsureCreated();
        }

        HostApplicationBuilder builder = Host.CreateApplicationBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddDurableTaskClient(b => b.UseCrashStore(store));
        this.clientHost = builder.Build();
        this.Client = this.clientHost.Services.GetRequiredService<DurableTaskClient>();
    }

    /// <summary>The temporary folder.</summary>
    public string Folder { get; }

    /// <summary>The store every process of this test uses.</summary>
    public CrashStore Store { get; }

    /// <summary>The side-effect file of the activities.</summary>
    public string EffectsPath { get; }

    /// <summary>A client on the store, in this process.</summary>
    public DurableTaskClient Client { get; }

    /// <summary>A workspace on a new SQLite file.</summary>
    public static Task<CrashWorkspace> OnSqliteAsync(ITestOutputHelper output, TimeSpan takeover)
    {
        string folder = Directory.CreateTempSubdirectory("dt-crash-").FullName;
        string connection = new SqliteConnectionStringBuilder { DataSource = Path.Combine(folder, "store.db") }.ToString();
        return StartAsync(output, folder, new CrashStore(StoreProvider.Sqlite, connection, "crash", takeover, PartitionCount: 1));
    }

    /// <summary>A workspace on a new task hub of <paramref name="azurite"/>.</summary>
    public static Task<CrashWorkspace> OnAzureStorageAsync(ITestOutputHelper output, AzuriteServer azurite, TimeSpan takeover, int partitions)
    {
        ArgumentNullException.ThrowIfNull(azurite);
        string folder = Directory.CreateTempSubdirectory("dt-crash-").FullName;
        return StartAsync(output, folder, new CrashStore(StoreProvider.AzureStorage, azurite.ConnectionString, AzuriteServer.NewTaskHubName("crash"), takeover, partitions));
    }

    /// <summary>Writes a line to the test output, with the time since the workspace was made.</summary>
    public void Log(string message) =>
        this.output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"[{this.clock.Elapsed.TotalSeconds,7:0.00}s] {message}"));

    /// <summary>Starts a worker process on the store; it runs until killed (or until this test process is gone).</summary>
    public CrashHostProcess StartWorker(string name)
    {
        CrashHostProcess process = CrashHostProcess.Start(name, this.Store, this.EffectsPath);
        this.processes.Add(process);
        return process;
    }

    /// <summary>Schedules the workload's first <paramref name="count"/> instances and raises the events that are raised
    /// early, at once on SQLite; on Azure Storage, whose client holds an event to a Pending instance until it starts
    /// (the provider would discard it), they wait for <see cref="RaiseEarlyEventsAsync"/>, once a worker runs. Returns
    /// how many events it raised.</summary>
    public async Task<int> ScheduleAsync(int count)
    {
        int raised = 0;
        this.earlyEvents.Clear();
        for (int index = 0; index < count; index++)
        {
            string id = Workload.InstanceId(index);
            await this.Client.ScheduleNewOrchestrationInstanceAsync(
                Workload.OrchestratorName(Workload.KindOf(index)), Workload.Input(index), new StartOrchestrationOptions(id));
            if (Workload.EventRaisedEarly(index))
            {
                if (this.Store.Provider == StoreProvider.AzureStorage)
                {
                    this.earlyEvents.Add(index);
                    continue;
                }

                await this.Client.RaiseEventAsync(id, Workload.EventName, Workload.EventPayload(index));
                raised++;
            }
        }

        this.Log($"scheduled {count} instances, raised {raised} events" + (this.earlyEvents.Count > 0 ? $"; {this.earlyEvents.Count} wait for a worker" : string.Empty));
        return raised;
    }

    /// <summary>Raises the early events <see cref="ScheduleAsync"/> left for a running worker, all at once (the client
    /// holds each until its instance has started).</summary>
    public async Task RaiseEarlyEventsAsync()
    {
        if (this.earlyEvents.Count == 0)
        {
            return;
        }

        int[] retries = await Task.WhenAll(this.earlyEvents.Select(this.RaiseOnceStartedAsync));
        this.Log($"raised the {this.earlyEvents.Count} early events once their instances had started ({retries.Sum()} refusals of a still-Pending instance retried)");
        this.earlyEvents.Clear();
    }

    /// <summary>Raises an instance's event, trying again while the client refuses it for an instance still Pending (on a
    /// loaded machine the workers may take longer than the client's 10 s hold to lease the instance's partition), up to
    /// <see cref="RefusedEventPatience"/>.</summary>
    /// <returns>How many refusals were retried.</returns>
    private async Task<int> RaiseOnceStartedAsync(int index)
    {
        DateTime giveUp = DateTime.UtcNow + RefusedEventPatience;
        for (int refusals = 0; ; refusals++)
        {
            try
            {
                await this.Client.RaiseEventAsync(Workload.InstanceId(index), Workload.EventName, Workload.EventPayload(index));
                return refusals;
            }
            catch (InstanceNotStartedException) when (DateTime.UtcNow < giveUp)
            {
                // Nothing was sent: the instance has not started yet, so try again (the hold itself waited).
            }
        }
    }

    /// <summary>Raises the events that <see cref="ScheduleAsync"/> did not.</summary>
    public async Task<IReadOnlyList<int>> RaiseLateEventsAsync(int count, bool onlyToStartedInstances)
    {
        int raised = 0;
        var deferred = new List<int>();
        for (int index = 0; index < count; index++)
        {
            if (Workload.KindOf(index) == WorkloadKind.Event && !Workload.EventRaisedEarly(index))
            {
                if (onlyToStartedInstances && !await this.HasStartedAsync(index))
                {
                    deferred.Add(index);
                    continue;
                }

                await this.RaiseOnceStartedAsync(index);
                raised++;
            }
        }

        this.Log($"raised {raised} late events; {deferred.Count} wait until their instance has started");
        return deferred;
    }

    /// <summary>Raises the late events of <paramref name="indexes"/>, each once its instance has started; fails after
    /// <paramref name="timeout"/>.</summary>
    public async Task RaiseLateEventsWhenStartedAsync(IReadOnlyList<int> indexes, TimeSpan timeout)
    {
        DateTime deadline = DateTime.UtcNow + timeout;
        var waiting = new List<int>(indexes);
        while (waiting.Count > 0)
        {
            foreach (int index in waiting.ToList())
            {
                if (await this.HasStartedAsync(index))
                {
                    await this.RaiseOnceStartedAsync(index);
                    waiting.Remove(index);
                }
            }

            if (waiting.Count > 0)
            {
                if (DateTime.UtcNow > deadline)
                {
                    throw new TimeoutException($"{waiting.Count} instances waiting for a late event did not start within {timeout.TotalSeconds:0} s.");
                }

                await Task.Delay(PollInterval);
            }
        }

        this.Log($"raised the {indexes.Count} deferred late events");
    }

    /// <summary>Counts the workload's top-level instances by status.</summary>
    public async Task<Dictionary<OrchestrationRuntimeStatus, int>> CountByStatusAsync()
    {
        var counts = new Dictionary<OrchestrationRuntimeStatus, int>();
        await foreach (OrchestrationMetadata instance in this.Client.GetAllInstancesAsync(new OrchestrationQuery { InstanceIdPrefix = Workload.InstancePrefix, PageSize = 1000 }))
        {
            counts[instance.RuntimeStatus] = counts.GetValueOrDefault(instance.RuntimeStatus) + 1;
        }

        return counts;
    }

    /// <summary>Waits until the worker <paramref name="worker"/> has recorded an activity execution, or the workload
    /// is complete; fails if the worker dies or neither happens within <paramref name="timeout"/>.</summary>
    public async Task WaitUntilWorkingAsync(CrashHostProcess worker, int count, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(worker);
        DateTime deadline = DateTime.UtcNow + timeout;
        for (int poll = 1; SideEffectTable.ExecutionsBy(this.EffectsPath, worker.Id) == 0; poll++)
        {
            if (worker.HasExited)
            {
                throw new InvalidOperationException($"{worker.Name} exited before it did any work.\n{worker.Output}");
            }

            // The store is asked less often than the side-effect file: on Azurite every query costs the workers time.
            if (poll % 20 == 0 && (await this.CountByStatusAsync()).GetValueOrDefault(OrchestrationRuntimeStatus.Completed) == count)
            {
                return;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException(string.Create(CultureInfo.InvariantCulture, $"{worker.Name} ran no activity within {timeout.TotalSeconds:0} s.\n{this.Outputs()}"));
            }

            await Task.Delay(TimeSpan.FromMilliseconds(50));
        }
    }

    /// <summary>Waits <paramref name="delay"/>, or less: until the workload's distinct activity tasks done reach
    /// <paramref name="taskCeiling"/>, so that a fast machine cannot finish the work before the kill meant to interrupt
    /// it. Returns the time waited.</summary>
    public async Task<TimeSpan> WaitForKillMomentAsync(TimeSpan delay, long taskCeiling)
    {
        var waited = Stopwatch.StartNew();

        // The time left is read once per turn: read again after the check, it could be just below zero, and a delay
        // of -1 ms (what -1.x ms truncates to) is Task.Delay's infinite wait. A loaded CI machine hung here once.
        for (TimeSpan left = delay; left > TimeSpan.Zero && SideEffectTable.DistinctTasks(this.EffectsPath) < taskCeiling; left = delay - waited.Elapsed)
        {
            await Task.Delay(left < KillMomentPoll ? left : KillMomentPoll);
        }

        return waited.Elapsed;
    }

    /// <summary>Waits until all <paramref name="count"/> top-level instances are Completed; fails early when one
    /// fails or a worker dies.</summary>
    public async Task WaitForAllCompletedAsync(int count, TimeSpan timeout, params CrashHostProcess[] workers)
    {
        DateTime deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            Dictionary<OrchestrationRuntimeStatus, int> counts = await this.CountByStatusAsync();
            if (counts.GetValueOrDefault(OrchestrationRuntimeStatus.Completed) == count)
            {
                return;
            }

            if (counts.GetValueOrDefault(OrchestrationRuntimeStatus.Failed) > 0 || counts.GetValueOrDefault(OrchestrationRuntimeStatus.Terminated) > 0)
            {
                throw new InvalidOperationException($"Instances ended other than Completed: {Describe(counts)}\n{await this.DescribeUnfinishedAsync()}\n{this.Outputs()}");
            }

            if (workers.FirstOrDefault(w => w.HasExited) is { } dead)
            {
                throw new InvalidOperationException($"{dead.Name} exited while the workload ran: {Describe(counts)}\n{this.Outputs()}");
            }

            if (DateTime.UtcNow > deadline)
            {
                string unfinished = await this.DescribeUnfinishedAsync();
                throw new TimeoutException(string.Create(
                    CultureInfo.InvariantCulture,
                    $"Not all {count} instances completed within {timeout.TotalSeconds:0} s: {Describe(counts)}\n{unfinished}\n{this.Outputs()}"));
            }

            await Task.Delay(PollInterval);
        }
    }

    private async Task<bool> HasStartedAsync(int index) =>
        await this.Client.GetInstanceAsync(Workload.InstanceId(index)) is { RuntimeStatus: not OrchestrationRuntimeStatus.Pending };

    /// <summary>Up to 20 instances that are not Completed, each with its last history events.</summary>
    public async Task<string> DescribeUnfinishedAsync()
    {
        var lines = new List<string>();
        await foreach (OrchestrationMetadata instance in this.Client.GetAllInstancesAsync(new OrchestrationQuery { PageSize = 1000 }))
        {
            if (instance.RuntimeStatus != OrchestrationRuntimeStatus.Completed && lines.Count < 20)
            {
                IList<global::DurableTask.Core.History.HistoryEvent> history = await this.Client.GetOrchestrationHistoryAsync(instance.InstanceId);
                lines.Add($"{instance.InstanceId} {instance.RuntimeStatus} {instance.FailureDetails}: {HistoryChecks.Describe(history.TakeLast(6))}");
            }
        }

        return string.Join('\n', lines);
    }

    /// <summary>The output of every process started, for failure messages.</summary>
    public string Outputs() => string.Join('\n', this.processes.Select(p => p.Output));

    /// <summary>Counts by status as one line.</summary>
    public static string Describe(Dictionary<OrchestrationRuntimeStatus, int> counts)
    {
        ArgumentNullException.ThrowIfNull(counts);
        return counts.Count == 0 ? "(none)" : string.Join(", ", counts.OrderBy(c => c.Key).Select(c => $"{c.Key}={c.Value}"));
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        foreach (CrashHostProcess process in this.processes)
        {
            process.Dispose();
        }

        await this.clientHost.StopAsync();
        this.clientHost.Dispose();
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(this.Folder, recursive: true);
        }
        catch (IOException exception)
        {
            this.Log($"could not delete {this.Folder}: {exception.Message}");
        }
    }

    private static async Task<CrashWorkspace> StartAsync(ITestOutputHelper output, string folder, CrashStore store)
    {
        var workspace = new CrashWorkspace(output, folder, store);
        try
        {
            // Creates the task hub before any worker starts.
            await workspace.clientHost.StartAsync();
            workspace.Log($"{store.Provider} store ready (task hub {store.TaskHub}) in {folder}");
            return workspace;
        }
        catch
        {
            await workspace.DisposeAsync();
            throw;
        }
    }
}
