using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using Workflows.Durable.Client;
using Workflows.Durable.Tests.Infrastructure;
using Workflows.Durable.Worker;

namespace Workflows.Durable.Tests.Worker;

public sealed class TelemetryTests
{
    [Fact]
    public async Task An_orchestration_with_two_activities_produces_episode_and_activity_spans_with_tags()
    {
        string suffix = Guid.NewGuid().ToString("N");
        string flow = "TelemetryFlow" + suffix, first = "TelemetryFirst" + suffix, second = "TelemetrySecond" + suffix;
        using var spans = new SpanCollector();
        await using DurableTestHost host = await DurableTestHost.StartAsync(r => r
            .AddOrchestratorFunc<string, string>(flow, async (ctx, input) =>
            {
                string a = await ctx.CallActivityAsync<string>(first, input);
                return await ctx.CallActivityAsync<string>(second, a);
            })
            .AddActivityFunc<string, string>(first, (_, s) => s + "-1")
            .AddActivityFunc<string, string>(second, (_, s) => s + "-2"));

        OrchestrationMetadata done = await host.RunAsync(flow, "x", instanceId: "telemetry-" + suffix);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        string id = done.InstanceId;

        await DurableTestHost.Eventually(
            () => Task.FromResult(spans.For(id).Any(s => Equals(s.GetTagItem(DurableTelemetry.StatusTag), "Completed"))),
            "the final episode's span");
        Activity[] mine = spans.For(id);

        Activity[] activities = mine.Where(s => s.DisplayName.StartsWith("activity ", StringComparison.Ordinal)).OrderBy(s => s.StartTimeUtc).ToArray();
        Assert.Equal(["activity " + first, "activity " + second], activities.Select(s => s.DisplayName));
        Assert.All(activities, s => Assert.Equal("completed", s.GetTagItem(DurableTelemetry.OutcomeTag)));
        Assert.All(activities, s => Assert.Equal(ActivityStatusCode.Unset, s.Status));
        Assert.Equal([first, second], activities.Select(s => (string?)s.GetTagItem(DurableTelemetry.NameTag)));
        int[] taskIds = activities.Select(s => Assert.IsType<int>(s.GetTagItem(DurableTelemetry.TaskIdTag))).ToArray();
        Assert.Equal(2, taskIds.Distinct().Count());

        // Start, after the first result, after the second result: at least three episodes, the last one finishing it.
        Activity[] episodes = mine.Where(s => s.DisplayName == "orchestration " + flow).OrderBy(s => s.StartTimeUtc).ToArray();
        Assert.True(episodes.Length >= 3, $"expected 3 episode spans, got {episodes.Length}");
        Assert.All(episodes, s => Assert.Equal(flow, s.GetTagItem(DurableTelemetry.NameTag)));
        Assert.Equal("Running", episodes[0].GetTagItem(DurableTelemetry.StatusTag));
        Assert.Equal("Completed", episodes[^1].GetTagItem(DurableTelemetry.StatusTag));
        Assert.Equal(mine.Length, episodes.Length + activities.Length);
    }

    [Fact]
    public async Task A_failing_activity_is_recorded_as_failed_in_its_span_and_counters()
    {
        string suffix = Guid.NewGuid().ToString("N");
        string flow = "TelemetryFailing" + suffix, ok = "TelemetryOk" + suffix, boom = "TelemetryBoom" + suffix;
        using var spans = new SpanCollector();
        using var metrics = new MetricCollector(flow, ok, boom);
        await using DurableTestHost host = await DurableTestHost.StartAsync(r => r
            .AddOrchestratorFunc<string, string>(flow, async (ctx, input) =>
            {
                await ctx.CallActivityAsync<string>(ok, input);
                return await ctx.CallActivityAsync<string>(boom, input);
            })
            .AddActivityFunc<string, string>(ok, (_, s) => s)
            .AddActivityFunc<string, string>(boom, (Func<TaskActivityContext, string, string>)((_, _) => throw new InvalidOperationException("boom"))));

        OrchestrationMetadata done = await host.RunAsync(flow, "x", instanceId: "telemetry-fail-" + suffix);
        Assert.Equal(OrchestrationRuntimeStatus.Failed, done.RuntimeStatus);

        await DurableTestHost.Eventually(() => Task.FromResult(metrics.Sum(DurableTelemetry.OrchestrationsFailed, flow) == 1), "the failed counter");
        Assert.Equal(1, metrics.Sum(DurableTelemetry.OrchestrationsStarted, flow));
        Assert.Equal(0, metrics.Sum(DurableTelemetry.OrchestrationsCompleted, flow));
        Assert.Equal(1, metrics.Sum(DurableTelemetry.ActivitiesCompleted, ok));
        Assert.Equal(0, metrics.Sum(DurableTelemetry.ActivitiesFailed, ok));
        Assert.Equal(1, metrics.Sum(DurableTelemetry.ActivitiesFailed, boom));
        Assert.Equal(0, metrics.Sum(DurableTelemetry.ActivitiesCompleted, boom));
        Assert.Equal(["completed"], metrics.Outcomes(DurableTelemetry.ActivityDuration, ok));
        Assert.Equal(["failed"], metrics.Outcomes(DurableTelemetry.ActivityDuration, boom));

        Activity failed = Assert.Single(spans.For(done.InstanceId), s => s.DisplayName == "activity " + boom);
        Assert.Equal("failed", failed.GetTagItem(DurableTelemetry.OutcomeTag));
        Assert.Equal(ActivityStatusCode.Error, failed.Status);
        await DurableTestHost.Eventually(
            () => Task.FromResult(spans.For(done.InstanceId).Any(s => Equals(s.GetTagItem(DurableTelemetry.StatusTag), "Failed"))),
            "the failing episode's span");
        Activity last = spans.For(done.InstanceId).Single(s => Equals(s.GetTagItem(DurableTelemetry.StatusTag), "Failed"));
        Assert.Equal(ActivityStatusCode.Error, last.Status);
    }

    [Fact]
    public async Task Counters_and_histograms_count_each_completed_orchestration_and_activity_once()
    {
        string suffix = Guid.NewGuid().ToString("N");
        string flow = "TelemetryCount" + suffix, step = "TelemetryStep" + suffix;
        using var metrics = new MetricCollector(flow, step);
        await using DurableTestHost host = await DurableTestHost.StartAsync(r => r
            .AddOrchestratorFunc<string, string>(flow, async (ctx, input) =>
            {
                await ctx.CallActivityAsync<string>(step, input);
                return await ctx.CallActivityAsync<string>(step, input);
            })
            .AddActivityFunc<string, string>(step, (_, s) => s));

        await host.RunAsync(flow, "a");
        await host.RunAsync(flow, "b");

        await DurableTestHost.Eventually(() => Task.FromResult(metrics.Sum(DurableTelemetry.OrchestrationsCompleted, flow) == 2), "two completions");
        Assert.Equal(2, metrics.Sum(DurableTelemetry.OrchestrationsStarted, flow));
        Assert.Equal(0, metrics.Sum(DurableTelemetry.OrchestrationsFailed, flow));
        Assert.Equal(4, metrics.Sum(DurableTelemetry.ActivitiesCompleted, step));
        Assert.Equal(0, metrics.Sum(DurableTelemetry.ActivitiesFailed, step));
        Assert.Equal(4, metrics.Count(DurableTelemetry.ActivityDuration, step));
        Assert.True(metrics.Count(DurableTelemetry.EpisodeDuration, flow) >= 6, "three episodes per instance at least");
        Assert.All(metrics.Values(DurableTelemetry.EpisodeDuration, flow), v => Assert.InRange(v, 0, 30));

        // Nothing is left running once both instances are done; the gauge reports both kinds.
        metrics.RecordObservables();
        Assert.Contains("orchestration", metrics.Kinds());
        Assert.Contains("activity", metrics.Kinds());
    }

    [Fact]
    public async Task The_backlog_gauge_reports_activities_queued_behind_a_full_worker()
    {
        string suffix = Guid.NewGuid().ToString("N");
        string flow = "TelemetryBacklog" + suffix, step = "TelemetryBlocked" + suffix;
        using var release = new SemaphoreSlim(0);
        using var metrics = new MetricCollector(flow, step);
        await using DurableTestHost host = await DurableTestHost.StartAsync(
            r => r
                .AddOrchestratorFunc<string, int>(flow, async (ctx, _) => (await Task.WhenAll(Enumerable.Range(0, 5).Select(i => ctx.CallActivityAsync<int>(step, i)))).Sum())
                .AddActivityFunc<int, int>(step, async (_, i) =>
                {
                    await release.WaitAsync();
                    return i;
                }),
            worker: o =>
            {
                o.Concurrency.MaximumConcurrentActivityWorkItems = 1;
                o.BacklogSampleInterval = TimeSpan.FromMilliseconds(50);
            });

        string id = await host.Client.ScheduleNewOrchestrationInstanceAsync(flow);

        // One activity runs; the other four wait in the store.
        await DurableTestHost.Eventually(
            () =>
            {
                metrics.RecordObservables();
                return Task.FromResult(metrics.Backlog("activity").Any(v => v >= 4));
            },
            "a backlog of four activities");
        release.Release(5);
        Assert.Equal(10, (await host.WaitAsync(id)).ReadOutputAs<int>());
        Assert.Contains(DurableTelemetry.Backlog, metrics.Instruments());
    }

    private sealed class SpanCollector : IDisposable
    {
        private readonly ConcurrentQueue<Activity> stopped = new();
        private readonly ActivityListener listener;

        public SpanCollector()
        {
            this.listener = new ActivityListener
            {
                ShouldListenTo = s => s.Name == DurableTelemetry.ActivitySourceName,
                Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
                ActivityStopped = this.stopped.Enqueue,
            };
            ActivitySource.AddActivityListener(this.listener);
        }

        public Activity[] For(string instanceId) =>
            this.stopped.Where(s => Equals(s.GetTagItem(DurableTelemetry.InstanceIdTag), instanceId)).ToArray();

        public void Dispose() => this.listener.Dispose();
    }

    private sealed class MetricCollector : IDisposable
    {
        private readonly HashSet<string> names;
        private readonly ConcurrentQueue<(string Instrument, string? Name, string? Outcome, string? Kind, double Value)> measurements = new();
        private readonly MeterListener listener = new();

        public MetricCollector(params string[] names)
        {
            this.names = [.. names];
            this.listener.InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == DurableTelemetry.MeterName)
                {
                    l.EnableMeasurementEvents(instrument);
                }
            };
            this.listener.SetMeasurementEventCallback<long>((i, v, tags, _) => this.Add(i, v, tags));
            this.listener.SetMeasurementEventCallback<double>((i, v, tags, _) => this.Add(i, v, tags));
            this.listener.Start();
        }

        public double Sum(string instrument, string name) => this.For(instrument, name).Sum(m => m.Value);

        public int Count(string instrument, string name) => this.For(instrument, name).Count();

        public double[] Values(string instrument, string name) => this.For(instrument, name).Select(m => m.Value).ToArray();

        public string[] Outcomes(string instrument, string name) => this.For(instrument, name).Select(m => m.Outcome ?? "(none)").ToArray();

        public string?[] Kinds() =>
            this.measurements.Where(m => m.Instrument == DurableTelemetry.RunningWorkItems).Select(m => m.Kind).Distinct().ToArray();

        public void RecordObservables() => this.listener.RecordObservableInstruments();

        public double[] Backlog(string kind) =>
            this.measurements.Where(m => m.Instrument == DurableTelemetry.Backlog && m.Kind == kind).Select(m => m.Value).ToArray();

        public string[] Instruments() => this.measurements.Select(m => m.Instrument).Distinct().ToArray();

        public void Dispose() => this.listener.Dispose();

        private IEnumerable<(string Instrument, string? Name, string? Outcome, string? Kind, double Value)> For(string instrument, string name) =>
            this.measurements.Where(m => m.Instrument == instrument && m.Name == name);

        private void Add(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
        {
            string? name = null, outcome = null, kind = null;
            foreach (KeyValuePair<string, object?> tag in tags)
            {
                switch (tag.Key)
                {
                    case DurableTelemetry.NameTag: name = tag.Value as string; break;
                    case DurableTelemetry.OutcomeTag: outcome = tag.Value as string; break;
                    case DurableTelemetry.KindTag: kind = tag.Value as string; break;
                    default: break;
                }
            }

            if (kind is not null || (name is not null && this.names.Contains(name)))
            {
                this.measurements.Enqueue((instrument.Name, name, outcome, kind, value));
            }
        }
    }
}
