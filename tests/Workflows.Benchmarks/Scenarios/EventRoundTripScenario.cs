using System.Diagnostics;
using System.Globalization;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace Workflows.Benchmarks.Scenarios;

/// <summary>The latency of an external event, one instance at a time: an instance waits on WaitForExternalEvent; the
/// clock runs from the client's RaiseEventAsync until the instance is seen completed. The headline figures poll the
/// status every <see cref="BenchmarkHost.PollInterval"/>; a smaller set waits with the client's
/// WaitForInstanceCompletionAsync, as application code would, and so includes that method's polling.</summary>
internal static class EventRoundTripScenario
{
    /// <summary>Lets the worker go back to waiting for work after the instance's first checkpoint, as it would be
    /// when an event arrives long after the start.</summary>
    private static readonly TimeSpan Settle = TimeSpan.FromMilliseconds(10);

    public static async Task RunAsync(BenchmarkHost host, int samples, FigureSet figures, CancellationToken cancellationToken)
    {
        double[] ms = await MeasureAsync(host, "event-", samples, viaWaitApi: false, cancellationToken);
        Array.Sort(ms);
        figures.Add("eventRoundTripMsP50", Percentiles.Of(ms, 50), 3);
        figures.Add("eventRoundTripMsP99", Percentiles.Of(ms, 99), 3);
        figures.Add("eventRoundTripMsMean", ms.Average(), 3);
        figures.Add("eventRoundTripMsMax", ms[^1], 3);
        Progress.Info($"events: {samples} samples, p50 {Percentiles.Of(ms, 50):F2} ms, p99 {Percentiles.Of(ms, 99):F2} ms, max {ms[^1]:F2} ms");

        int waitSamples = Math.Max(5, samples / 10);
        double[] viaWait = await MeasureAsync(host, "event-wait-", waitSamples, viaWaitApi: true, cancellationToken);
        Array.Sort(viaWait);
        figures.Add("eventRoundTripViaWaitApiMsP50", Percentiles.Of(viaWait, 50), 3);
        figures.Add("eventRoundTripViaWaitApiMsMax", viaWait[^1], 3);
        figures.Add("eventRoundTripViaWaitApiSamples", waitSamples);
        Progress.Info($"events through WaitForInstanceCompletionAsync: {waitSamples} samples, p50 {Percentiles.Of(viaWait, 50):F2} ms, max {viaWait[^1]:F2} ms");
    }

    public static async Task<double[]> MeasureAsync(BenchmarkHost host, string prefix, int samples, bool viaWaitApi, CancellationToken cancellationToken)
    {
        double[] ms = new double[samples];
        for (int i = 0; i < samples; i++)
        {
            string id = prefix + i.ToString("D6", CultureInfo.InvariantCulture);
            await host.Client.ScheduleNewOrchestrationInstanceAsync(BenchmarkTasks.WaitForEvent, new StartOrchestrationOptions(id), cancellationToken);
            await host.WaitRunningAsync(id, BenchmarkTasks.WaitingStatus, cancellationToken);
            await Task.Delay(Settle, cancellationToken);

            long start = Stopwatch.GetTimestamp();
            await host.Client.RaiseEventAsync(id, BenchmarkTasks.EventName, "approved", cancellationToken);
            if (viaWaitApi)
            {
                OrchestrationMetadata done = await host.Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: false, cancellationToken);
                if (done.RuntimeStatus != OrchestrationRuntimeStatus.Completed)
                {
                    throw new InvalidOperationException($"Instance {id} ended {done.RuntimeStatus}.");
                }
            }
            else
            {
                await host.WaitCompletedAsync(id, cancellationToken);
            }

            ms[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        }

        return ms;
    }
}
