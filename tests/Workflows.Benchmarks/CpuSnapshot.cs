using System.Diagnostics;
using System.Globalization;

namespace Workflows.Benchmarks;

/// <summary>Machine-wide and own CPU time at one instant, to tell afterwards how much of the machine other processes
/// used during the run (figures taken on a busy machine are low and noisy), and the methods JIT-compiled so far.</summary>
internal sealed record CpuSnapshot(long MachineTotal, long MachineIdle, TimeSpan Own, long Timestamp, long JitMethods)
{
    public static CpuSnapshot Take()
    {
        long total = 0;
        long idle = 0;
        try
        {
            // First line of /proc/stat: "cpu user nice system idle iowait irq softirq steal ..." in clock ticks.
            string[] fields = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries);
            long[] ticks = fields.Skip(1).Take(8).Select(f => long.Parse(f, CultureInfo.InvariantCulture)).ToArray();
            total = ticks.Sum();
            idle = ticks[3] + ticks[4];
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
        {
        }

        using Process process = Process.GetCurrentProcess();
        return new CpuSnapshot(total, idle, process.TotalProcessorTime, Stopwatch.GetTimestamp(), System.Runtime.JitInfo.GetCompiledMethodCount());
    }

    /// <summary>This process's CPU time so far (all threads): per unit of work, a figure that a busy machine slows down
    /// much less than the wall-clock ones.</summary>
    public static TimeSpan OwnNow()
    {
        using Process process = Process.GetCurrentProcess();
        return process.TotalProcessorTime;
    }

    /// <summary>Percent of the whole machine (all processors) busy between two snapshots, and this process's share;
    /// null where /proc/stat cannot be read.</summary>
    public static (double? MachineBusyPercent, double OwnPercent) Between(CpuSnapshot start, CpuSnapshot end)
    {
        double wall = Stopwatch.GetElapsedTime(start.Timestamp, end.Timestamp).TotalSeconds;
        double own = (end.Own - start.Own).TotalSeconds / Math.Max(wall * Environment.ProcessorCount, 1e-9) * 100;
        long total = end.MachineTotal - start.MachineTotal;
        double? busy = total > 0 ? (1 - (double)(end.MachineIdle - start.MachineIdle) / total) * 100 : null;
        return (busy, own);
    }
}
