using System.Diagnostics;

namespace Workflows.Benchmarks.Profiling;

/// <summary>The count and total time of one method's calls; safe for concurrent callers.</summary>
internal sealed class CallStats
{
    private long calls;
    private long ticks;

    public long Calls => Interlocked.Read(ref this.calls);

    public double TotalMs => TimeSpan.FromTicks(Interlocked.Read(ref this.ticks)).TotalMilliseconds;

    /// <summary>Records a call that began at <paramref name="startTimestamp"/> (a <see cref="Stopwatch"/> timestamp) and ends now.</summary>
    public void Add(long startTimestamp)
    {
        Interlocked.Increment(ref this.calls);
        Interlocked.Add(ref this.ticks, Stopwatch.GetElapsedTime(startTimestamp).Ticks);
    }
}
