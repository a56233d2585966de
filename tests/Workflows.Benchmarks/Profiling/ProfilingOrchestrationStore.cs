using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using Workflows.Durable;
using Workflows.Durable.Client;
using Workflows.Durable.Storage;

namespace Workflows.Benchmarks.Profiling;

/// <summary>Wraps the engine's store to count and time every call (<c>--profile</c>), without touching the engine:
/// shows how many store writes each scenario costs and how long the calls take, queueing for the writer included.</summary>
internal sealed class ProfilingOrchestrationStore : IOrchestrationStore, IDisposable
{
    private readonly IOrchestrationStore inner;
    private readonly ConcurrentDictionary<string, StoreOperationStats> stats = new(StringComparer.Ordinal);
    private long writesInFlight;
    private long maxWritesInFlight;

    public ProfilingOrchestrationStore(IOrchestrationStore inner)
    {
        this.inner = inner;
    }

    public event Action? WorkAvailable
    {
        add => this.inner.WorkAvailable += value;
        remove => this.inner.WorkAvailable -= value;
    }

    public event Action<string>? InstanceChanged
    {
        add => this.inner.InstanceChanged += value;
        remove => this.inner.InstanceChanged -= value;
    }

    public Task InitializeAsync(CancellationToken cancellationToken) => this.inner.InitializeAsync(cancellationToken);

    public Task CreateInstanceAsync(NewOrchestrationInstance instance, IReadOnlyCollection<OrchestrationRuntimeStatus> dedupeStatuses, CancellationToken cancellationToken) =>
        this.TimeAsync("CreateInstance", true, async () =>
        {
            await this.inner.CreateInstanceAsync(instance, dedupeStatuses, cancellationToken);
            return 1;
        });

    public Task<bool> SendMessageAsync(string instanceId, HistoryEvent message, DateTimeOffset? visibleAt, CancellationToken cancellationToken) =>
        this.TimeAsync("SendMessage", true, () => this.inner.SendMessageAsync(instanceId, message, visibleAt, cancellationToken), sent => sent ? 1 : 0);

    public Task<IReadOnlyList<OrchestrationWorkItem>> LockNextOrchestrationsAsync(int maxCount, CancellationToken cancellationToken) =>
        this.TimeAsync("LockNextOrchestrations", true, () => this.inner.LockNextOrchestrationsAsync(maxCount, cancellationToken), items => items.Count);

    public Task<IReadOnlyList<HistoryEvent>> ReadHistoryAsync(string instanceId, int fromSequence, CancellationToken cancellationToken) =>
        this.TimeAsync("ReadHistory", false, () => this.inner.ReadHistoryAsync(instanceId, fromSequence, cancellationToken), events => events.Count);

    public Task<IReadOnlyList<ActivityWorkItem>> CompleteOrchestrationAsync(OrchestrationWorkItem workItem, OrchestrationCheckpoint checkpoint, CancellationToken cancellationToken) =>
        this.TimeAsync("CompleteOrchestration", true, () => this.inner.CompleteOrchestrationAsync(workItem, checkpoint, cancellationToken), _ => checkpoint.NewHistory.Count);

    public Task AbandonOrchestrationAsync(OrchestrationWorkItem workItem, CancellationToken cancellationToken) =>
        this.TimeAsync("AbandonOrchestration", true, async () =>
        {
            await this.inner.AbandonOrchestrationAsync(workItem, cancellationToken);
            return 1;
        });

    public Task<IReadOnlyList<ActivityWorkItem>> LockNextActivitiesAsync(int maxCount, CancellationToken cancellationToken) =>
        this.TimeAsync("LockNextActivities", true, () => this.inner.LockNextActivitiesAsync(maxCount, cancellationToken), items => items.Count);

    public Task<IReadOnlyList<bool>> CompleteActivitiesAsync(IReadOnlyList<(ActivityWorkItem WorkItem, HistoryEvent Result)> results, CancellationToken cancellationToken) =>
        this.TimeAsync("CompleteActivities", true, () => this.inner.CompleteActivitiesAsync(results, cancellationToken), accepted => accepted.Count);

    public Task<IReadOnlyList<ActivityWorkItem>> RenewActivityLocksAsync(IReadOnlyList<ActivityWorkItem> workItems, CancellationToken cancellationToken) =>
        this.TimeAsync("RenewActivityLocks", true, () => this.inner.RenewActivityLocksAsync(workItems, cancellationToken), held => held.Count);

    public Task AbandonActivityAsync(ActivityWorkItem workItem, CancellationToken cancellationToken) =>
        this.TimeAsync("AbandonActivity", true, async () =>
        {
            await this.inner.AbandonActivityAsync(workItem, cancellationToken);
            return 1;
        });

    public Task<DateTimeOffset?> GetNextWakeTimeAsync(CancellationToken cancellationToken) =>
        this.TimeAsync("GetNextWakeTime", false, () => this.inner.GetNextWakeTimeAsync(cancellationToken), _ => 1);

    public Task<InstanceRecord?> GetInstanceAsync(string instanceId, bool includePayloads, CancellationToken cancellationToken) =>
        this.TimeAsync("GetInstance", false, () => this.inner.GetInstanceAsync(instanceId, includePayloads, cancellationToken), r => r is null ? 0 : 1);

    public Task<InstancePage> QueryInstancesAsync(InstanceQuery query, CancellationToken cancellationToken) =>
        this.TimeAsync("QueryInstances", false, () => this.inner.QueryInstancesAsync(query, cancellationToken), page => page.Instances.Count);

    public Task<WorkBacklog> GetBacklogAsync(CancellationToken cancellationToken) =>
        this.TimeAsync("GetBacklog", false, () => this.inner.GetBacklogAsync(cancellationToken), _ => 1);

    public Task<IReadOnlyDictionary<OrchestrationRuntimeStatus, long>> CountInstancesAsync(InstanceQuery query, CancellationToken cancellationToken) =>
        this.TimeAsync("CountInstances", false, () => this.inner.CountInstancesAsync(query, cancellationToken), counts => counts.Count);

    public Task<IReadOnlyList<HistoryEvent>> GetHistoryAsync(string instanceId, CancellationToken cancellationToken) =>
        this.TimeAsync("GetHistory", false, () => this.inner.GetHistoryAsync(instanceId, cancellationToken), events => events.Count);

    public Task<int> PurgeInstanceAsync(string instanceId, bool recursive, CancellationToken cancellationToken) =>
        this.TimeAsync("PurgeInstance", true, () => this.inner.PurgeInstanceAsync(instanceId, recursive, cancellationToken), n => n);

    public Task<int> PurgeInstancesAsync(PurgeFilter filter, CancellationToken cancellationToken) =>
        this.TimeAsync("PurgeInstances", true, () => this.inner.PurgeInstancesAsync(filter, cancellationToken), n => n);

    public Task<bool> RewindAsync(string instanceId, string? reason, CancellationToken cancellationToken) =>
        this.TimeAsync("Rewind", true, () => this.inner.RewindAsync(instanceId, reason, cancellationToken), done => done ? 1 : 0);

    /// <summary>The table of calls since the last reset, for stderr; then starts counting afresh.</summary>
    public string TakeSummary(string title, double wallSeconds)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"store calls during {title} ({wallSeconds:F2}s wall, at most {Interlocked.Exchange(ref this.maxWritesInFlight, 0)} write calls in flight at once):").AppendLine();
        text.AppendLine("  operation                  w    calls      items   total ms   mean ms    max ms");
        double writeMs = 0;
        long writeCalls = 0;
        foreach (StoreOperationStats s in this.stats.Values.Where(s => s.Calls > 0).OrderByDescending(s => s.TotalMs))
        {
            text.Append(CultureInfo.InvariantCulture, $"  {s.Name,-25} {(s.IsWrite ? "w" : "r")} {s.Calls,8} {s.Items,10} {s.TotalMs,10:F1} {s.TotalMs / s.Calls,9:F3} {s.MaxMs,9:F1}").AppendLine();
            if (s.IsWrite)
            {
                writeMs += s.TotalMs;
                writeCalls += s.Calls;
            }

            s.Reset();
        }

        text.Append(CultureInfo.InvariantCulture, $"  write calls: {writeCalls} ({writeCalls / Math.Max(wallSeconds, 1e-9):F0}/s), summed call time {writeMs:F0} ms");
        return text.ToString();
    }

    public void Dispose() => (this.inner as IDisposable)?.Dispose();

    private async Task<T> TimeAsync<T>(string name, bool isWrite, Func<Task<T>> call, Func<T, int>? items = null)
    {
        StoreOperationStats stats = this.stats.GetOrAdd(name, n => new StoreOperationStats(n, isWrite));
        if (isWrite)
        {
            long now = Interlocked.Increment(ref this.writesInFlight);
            long max;
            while (now > (max = Interlocked.Read(ref this.maxWritesInFlight)) && Interlocked.CompareExchange(ref this.maxWritesInFlight, now, max) != max)
            {
            }
        }

        long start = Stopwatch.GetTimestamp();
        try
        {
            T result = await call();
            stats.Record(Stopwatch.GetElapsedTime(start).TotalMilliseconds, items?.Invoke(result) ?? 1);
            return result;
        }
        finally
        {
            if (isWrite)
            {
                Interlocked.Decrement(ref this.writesInFlight);
            }
        }
    }
}
