using System.Diagnostics;
using System.Globalization;
using System.Runtime;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace Workflows.Benchmarks.Scenarios;

/// <summary>What idle instances cost the process: many orchestrations started and left waiting on an external event,
/// the managed heap (after a full, compacting collection) and the working set compared with before they started.</summary>
internal static class IdleMemoryScenario
{
    private const double MiB = 1024 * 1024;

    /// <summary>Measures, then terminates the waiting instances and purges them, so that the scenarios after this one
    /// start on an empty store.</summary>
    public static async Task RunAsync(BenchmarkHost host, int count, TimeSpan settle, FigureSet figures, CancellationToken cancellationToken)
    {
        string[] ids = await MeasureAsync(host, count, settle, figures, cancellationToken);
        var clock = Stopwatch.StartNew();
        foreach (string id in ids)
        {
            await host.Client.TerminateInstanceAsync(id, "benchmark cleanup", cancellationToken);
        }

        foreach (string id in ids)
        {
            await host.WaitForAsync(id, m => m.RuntimeStatus == OrchestrationRuntimeStatus.Terminated, withOutput: false, cancellationToken);
        }

        Progress.Info($"idle: terminated the {count} waiting instances in {clock.Elapsed.TotalSeconds:F2}s");
    }

    private static async Task<string[]> MeasureAsync(BenchmarkHost host, int count, TimeSpan settle, FigureSet figures, CancellationToken cancellationToken)
    {
        await Task.Delay(TimeSpan.FromSeconds(2), cancellationToken);
        long heapBefore = FullCollect();
        long workingSetBefore = WorkingSet();

        var clock = Stopwatch.StartNew();
        string[] ids = new string[count];
        for (int i = 0; i < count; i++)
        {
            ids[i] = await host.Client.ScheduleNewOrchestrationInstanceAsync(
                BenchmarkTasks.WaitForEvent,
                new StartOrchestrationOptions("idle-" + i.ToString("D6", CultureInfo.InvariantCulture)),
                cancellationToken);
        }

        foreach (string id in ids)
        {
            await host.WaitRunningAsync(id, BenchmarkTasks.WaitingStatus, cancellationToken);
        }

        clock.Stop();
        Progress.Info($"idle: {count} waiting instances started in {clock.Elapsed.TotalSeconds:F2}s; settling {settle.TotalSeconds:F0}s");
        await Task.Delay(settle, cancellationToken);
        long heapAfter = FullCollect();
        long workingSetAfter = WorkingSet();

        double scale = 10_000.0 / count;
        figures.Add("idleMemoryMbPer10k", (heapAfter - heapBefore) / MiB * scale, 2);
        figures.Add("idleWorkingSetMbPer10k", (workingSetAfter - workingSetBefore) / MiB * scale, 2);
        figures.Add("idleHeapMbBefore", heapBefore / MiB, 2);
        figures.Add("idleHeapMbAfter", heapAfter / MiB, 2);
        figures.Add("idleWorkingSetMbBefore", workingSetBefore / MiB, 2);
        figures.Add("idleWorkingSetMbAfter", workingSetAfter / MiB, 2);
        figures.Add("idleStartPerSec", count / clock.Elapsed.TotalSeconds, 1);
        Progress.Info(
            $"idle: heap {heapBefore / MiB:F1} -> {heapAfter / MiB:F1} MB, working set {workingSetBefore / MiB:F1} -> {workingSetAfter / MiB:F1} MB");
        return ids;
    }

    internal static long FullCollect()
    {
        GCSettings.LargeObjectHeapCompactionMode = GCLargeObjectHeapCompactionMode.CompactOnce;
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        return GC.GetTotalMemory(forceFullCollection: true);
    }

    internal static long WorkingSet()
    {
        using Process process = Process.GetCurrentProcess();
        process.Refresh();
        return process.WorkingSet64;
    }
}
