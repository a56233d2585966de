using System.Diagnostics;
using System.Diagnostics.Metrics;
using Workflows.Durable.Client;
using Workflows.Durable.Storage;

namespace Workflows.Durable.Worker;

/// <summary>The engine's OpenTelemetry-compatible traces and metrics, published through <see cref="System.Diagnostics"/>
/// so that the engine depends on no telemetry package: subscribe to <see cref="ActivitySourceName"/> and
/// <see cref="MeterName"/> (for example with OpenTelemetry's <c>AddSource</c> and <c>AddMeter</c>).</summary>
/// <remarks>Nothing is allocated for a span or a measurement unless something listens to it.</remarks>
public static class DurableTelemetry
{
    /// <summary>The name of the <see cref="System.Diagnostics.ActivitySource"/> of orchestration episodes and activity executions.</summary>
    public const string ActivitySourceName = "Workflows.Durable";

    /// <summary>The name of the <see cref="System.Diagnostics.Metrics.Meter"/> of the engine's instruments.</summary>
    public const string MeterName = "Workflows.Durable";

    /// <summary>Counter of orchestration executions started (tag <see cref="NameTag"/>).</summary>
    public const string OrchestrationsStarted = "durabletask.orchestrations.started";

    /// <summary>Counter of orchestration executions that completed successfully (tag <see cref="NameTag"/>).</summary>
    public const string OrchestrationsCompleted = "durabletask.orchestrations.completed";

    /// <summary>Counter of orchestration executions that failed (tag <see cref="NameTag"/>).</summary>
    public const string OrchestrationsFailed = "durabletask.orchestrations.failed";

    /// <summary>Counter of activity executions that returned a result (tag <see cref="NameTag"/>).</summary>
    public const string ActivitiesCompleted = "durabletask.activities.completed";

    /// <summary>Counter of activity executions that threw (tag <see cref="NameTag"/>).</summary>
    public const string ActivitiesFailed = "durabletask.activities.failed";

    /// <summary>Histogram of activity execution durations in seconds (tags <see cref="NameTag"/>, <see cref="OutcomeTag"/>).</summary>
    public const string ActivityDuration = "durabletask.activity.duration";

    /// <summary>Histogram of orchestration episode durations in seconds, storage included (tag <see cref="NameTag"/>).</summary>
    public const string EpisodeDuration = "durabletask.episode.duration";

    /// <summary>Gauge of the work items this process is running now (tag <see cref="KindTag"/>: orchestration or activity).</summary>
    public const string RunningWorkItems = "durabletask.worker.running";

    /// <summary>Gauge of the work due in the store and not yet done, as last sampled (tag <see cref="KindTag"/>:
    /// orchestration messages or activity tasks).</summary>
    public const string Backlog = "durabletask.backlog";

    /// <summary>The tag holding the orchestration or activity name.</summary>
    public const string NameTag = "durabletask.name";

    /// <summary>The tag holding the orchestration instance id.</summary>
    public const string InstanceIdTag = "durabletask.instance_id";

    /// <summary>The tag holding an activity's task id within its orchestration.</summary>
    public const string TaskIdTag = "durabletask.task_id";

    /// <summary>The tag holding an episode's resulting runtime status.</summary>
    public const string StatusTag = "durabletask.status";

    /// <summary>The tag holding an activity's outcome: <c>completed</c> or <c>failed</c>.</summary>
    public const string OutcomeTag = "durabletask.outcome";

    /// <summary>The tag holding the kind of running work item: <c>orchestration</c> or <c>activity</c>.</summary>
    public const string KindTag = "durabletask.kind";

    private static long runningOrchestrations;
    private static long runningActivities;
    private static long backlogMessages = -1;
    private static long backlogTasks = -1;

    internal static ActivitySource Source { get; } = new(ActivitySourceName);

    internal static Meter Meter { get; } = new(MeterName);

    internal static Counter<long> Started { get; } = Meter.CreateCounter<long>(OrchestrationsStarted, "{orchestration}", "Orchestration executions started.");

    internal static Counter<long> Completed { get; } = Meter.CreateCounter<long>(OrchestrationsCompleted, "{orchestration}", "Orchestration executions completed.");

    internal static Counter<long> Failed { get; } = Meter.CreateCounter<long>(OrchestrationsFailed, "{orchestration}", "Orchestration executions failed.");

    internal static Counter<long> ActivityCompleted { get; } = Meter.CreateCounter<long>(ActivitiesCompleted, "{activity}", "Activity executions completed.");

    internal static Counter<long> ActivityFailed { get; } = Meter.CreateCounter<long>(ActivitiesFailed, "{activity}", "Activity executions failed.");

    internal static Histogram<double> ActivitySeconds { get; } = Meter.CreateHistogram<double>(ActivityDuration, "s", "Duration of activity executions.");

    internal static Histogram<double> EpisodeSeconds { get; } = Meter.CreateHistogram<double>(EpisodeDuration, "s", "Duration of orchestration episodes.");

    internal static ObservableGauge<long> Running { get; } = Meter.CreateObservableGauge(
        RunningWorkItems,
        () => new[]
        {
            new Measurement<long>(Interlocked.Read(ref runningOrchestrations), new KeyValuePair<string, object?>(KindTag, "orchestration")),
            new Measurement<long>(Interlocked.Read(ref runningActivities), new KeyValuePair<string, object?>(KindTag, "activity")),
        },
        "{work_item}",
        "Work items this process is running.");

    internal static ObservableGauge<long> BacklogGauge { get; } = Meter.CreateObservableGauge(
        Backlog,
        ObserveBacklog,
        "{work_item}",
        "Work due in the store and not yet done.");

    /// <summary>Keeps the latest backlog sample for <see cref="Backlog"/>.</summary>
    internal static void RecordBacklog(WorkBacklog backlog)
    {
        Interlocked.Exchange(ref backlogMessages, backlog.OrchestrationMessages);
        Interlocked.Exchange(ref backlogTasks, backlog.ActivityTasks);
    }

    private static IEnumerable<Measurement<long>> ObserveBacklog()
    {
        // Nothing until the first sample: a zero would claim an empty backlog.
        long messages = Interlocked.Read(ref backlogMessages);
        if (messages < 0)
        {
            return [];
        }

        return
        [
            new Measurement<long>(messages, new KeyValuePair<string, object?>(KindTag, "orchestration")),
            new Measurement<long>(Interlocked.Read(ref backlogTasks), new KeyValuePair<string, object?>(KindTag, "activity")),
        ];
    }

    /// <summary>Counts a work item in or out of <see cref="RunningWorkItems"/>.</summary>
    internal static void TrackRunning(bool activity, int delta)
    {
        if (activity)
        {
            Interlocked.Add(ref runningActivities, delta);
        }
        else
        {
            Interlocked.Add(ref runningOrchestrations, delta);
        }
    }

    /// <summary>Starts the span of an episode, or returns null (without allocating) when nobody listens.</summary>
    internal static Activity? StartEpisode(string name, string instanceId)
    {
        if (!Source.HasListeners())
        {
            return null;
        }

        Activity? span = Source.StartActivity("orchestration " + name, ActivityKind.Internal);
        span?.SetTag(InstanceIdTag, instanceId);
        span?.SetTag(NameTag, name);
        return span;
    }

    /// <summary>Starts the span of an activity execution, or returns null (without allocating) when nobody listens.</summary>
    internal static Activity? StartActivity(string name, string instanceId, int taskId)
    {
        if (!Source.HasListeners())
        {
            return null;
        }

        Activity? span = Source.StartActivity("activity " + name, ActivityKind.Internal);
        span?.SetTag(InstanceIdTag, instanceId);
        span?.SetTag(NameTag, name);
        span?.SetTag(TaskIdTag, taskId);
        return span;
    }

    /// <summary>Records the end of an episode: its span's status, its duration, and started/finished counts.</summary>
    /// <param name="span">The episode's span, if any.</param>
    /// <param name="name">The orchestration name.</param>
    /// <param name="started">Whether the episode began a new execution.</param>
    /// <param name="status">The committed episode's runtime status; null if the episode was not committed.</param>
    /// <param name="finished">Whether the execution finished (and did not continue as new).</param>
    /// <param name="startTimestamp">The <see cref="Stopwatch.GetTimestamp"/> at the episode's start.</param>
    internal static void EpisodeEnded(Activity? span, string name, bool started, OrchestrationRuntimeStatus? status, bool finished, long startTimestamp)
    {
        OrchestrationRuntimeStatus? finishedAs = finished ? status : null;
        if (span is not null)
        {
            if (status is { } committed)
            {
                span.SetTag(StatusTag, committed.ToString());
                if (committed == OrchestrationRuntimeStatus.Failed)
                {
                    span.SetStatus(ActivityStatusCode.Error);
                }
            }
            else
            {
                span.SetStatus(ActivityStatusCode.Error, "The episode was not committed.");
            }
        }

        if (started && Started.Enabled)
        {
            Started.Add(1, new KeyValuePair<string, object?>(NameTag, name));
        }

        if (finishedAs == OrchestrationRuntimeStatus.Completed && Completed.Enabled)
        {
            Completed.Add(1, new KeyValuePair<string, object?>(NameTag, name));
        }
        else if (finishedAs == OrchestrationRuntimeStatus.Failed && Failed.Enabled)
        {
            Failed.Add(1, new KeyValuePair<string, object?>(NameTag, name));
        }

        if (EpisodeSeconds.Enabled)
        {
            EpisodeSeconds.Record(Stopwatch.GetElapsedTime(startTimestamp).TotalSeconds, new KeyValuePair<string, object?>(NameTag, name));
        }
    }

    /// <summary>Records the end of an activity execution: its span's outcome, its duration and its count.</summary>
    internal static void ActivityEnded(Activity? span, string name, bool succeeded, long startTimestamp)
    {
        string outcome = succeeded ? "completed" : "failed";
        if (span is not null)
        {
            span.SetTag(OutcomeTag, outcome);
            if (!succeeded)
            {
                span.SetStatus(ActivityStatusCode.Error);
            }
        }

        Counter<long> counter = succeeded ? ActivityCompleted : ActivityFailed;
        if (counter.Enabled)
        {
            counter.Add(1, new KeyValuePair<string, object?>(NameTag, name));
        }

        if (ActivitySeconds.Enabled)
        {
            ActivitySeconds.Record(
                Stopwatch.GetElapsedTime(startTimestamp).TotalSeconds,
                new KeyValuePair<string, object?>(NameTag, name),
                new KeyValuePair<string, object?>(OutcomeTag, outcome));
        }
    }
}
