using System.Diagnostics;
using System.Globalization;
using Workflows.Durable;
using Workflows.Durable.Client;

namespace Workflows.Benchmarks.Scenarios;

/// <summary>The latency of an external event: an instance waits on WaitForExternalEvent; the clock runs from the
/// client's RaiseEventAsync to WaitForInstanceCompletionAsync seeing it complete. One instance at a time.</summary>
internal static class EventRoundTripScenario
{
    /// <summary>Lets the worker go back to waiting for work after the instance's first checkpoint, as it would be
    /// when an event arrives long after the start.</summary>
    private static readonly TimeSpan Settle = TimeSpan.FromMilliseconds(10);

    public static async Task RunAsync(BenchmarkHost host, int samples, BenchmarkReport report, CancellationToken cancellationToken)
    {
        double[] ms = await MeasureAsync(host, "event-", samples, cancellationToken);
        Array.Sort(ms);
        double p50 = Percentiles.Of(ms, 50);
        double p99 = Percentiles.Of(ms, 99);
        report.Add("eventRoundTripMsP50", p50, 3);
        report.Add("eventRoundTripMsP99", p99, 3);
        report.Add("eventRoundTripMsMean", ms.Average(), 3);
        report.Add("eventRoundTripMsMax", ms[^1], 3);
        Progress.Info($"events: {samples} samples, p50 {p50:F2} ms, p99 {p99:F2} ms, max {ms[^1]:F2} ms");
    }

    public static async Task<double[]> MeasureAsync(BenchmarkHost host, string prefix, int samples, CancellationToken cancellationToken)
    {
        double[] ms = new double[samples];
        for (int i = 0; i < samples; i++)
        {
            string id = prefix + i.ToString("D6", CultureInfo.InvariantCulture);
            await host.Client.ScheduleNewOrchestrationInstanceAsync(BenchmarkTasks.WaitForEvent, new StartOrchestrationOptions(id), cancellationToken);
            await host.WaitRunningAsync(id, cancellationToken);
            OrchestrationMetadata? waiting = await host.Client.GetInstanceAsync(id, getInputsAndOutputs: true, cancellationToken);
            if (waiting?.ReadCustomStatusAs<string>() != BenchmarkTasks.WaitingStatus)
            {
                throw new InvalidOperationException($"Instance {id} is running but its custom status is {waiting?.SerializedCustomStatus}.");
            }

            await Task.Delay(Settle, cancellationToken);

            long start = Stopwatch.GetTimestamp();
            await host.Client.RaiseEventAsync(id, BenchmarkTasks.EventName, "approved", cancellationToken);
            await host.WaitCompletedAsync(id, cancellationToken, withOutput: false);
            ms[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        }

        return ms;
    }
}
