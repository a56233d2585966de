using System.Globalization;
using System.Text.Json;
using Workflows.Durable.Client;
using Workflows.Durable.CrashHost;

namespace Workflows.Durable.CrashTests.Infrastructure;

/// <summary>Checks one instance's history: consistent in itself (every scheduled task once, at most one completion
/// each, nothing applied twice) and of the exact shape its kind gives in a crash-free run.</summary>
public static class HistoryChecks
{
    private static readonly HistoryEventType[] Scheduling =
    [
        HistoryEventType.TaskScheduled,
        HistoryEventType.TimerCreated,
        HistoryEventType.SubOrchestrationInstanceCreated,
        HistoryEventType.EventSent,
    ];

    /// <summary>The invariants every completed history holds; problems are added to <paramref name="problems"/>.</summary>
    public static void CheckConsistency(string id, IList<HistoryEvent> history, OrchestrationMetadata metadata, List<string> problems)
    {
        ArgumentNullException.ThrowIfNull(history);
        ArgumentNullException.ThrowIfNull(metadata);
        ArgumentNullException.ThrowIfNull(problems);
        void Problem(string text) => problems.Add($"{id}: {text} | history: {string.Join(", ", history)}");

        int started = history.Count(e => e.EventType == HistoryEventType.ExecutionStarted);
        int completed = history.Count(e => e.EventType == HistoryEventType.ExecutionCompleted);
        if (started != 1 || completed != 1)
        {
            Problem($"{started} ExecutionStarted and {completed} ExecutionCompleted events, expected one of each");
            return;
        }

        int startIndex = history.IndexOf(history.Single(e => e.EventType == HistoryEventType.ExecutionStarted));
        if (history.Take(startIndex).Any(e => e.EventType != HistoryEventType.OrchestratorStarted))
        {
            Problem("events before ExecutionStarted");
        }

        HistoryEvent last = history[^1];
        if (last.EventType != HistoryEventType.ExecutionCompleted)
        {
            Problem($"the last event is {last}, not ExecutionCompleted");
        }
        else if (last.OrchestrationStatus != OrchestrationRuntimeStatus.Completed || last.Result != metadata.SerializedOutput)
        {
            Problem($"ExecutionCompleted says {last.OrchestrationStatus} '{last.Result}', the instance {metadata.RuntimeStatus} '{metadata.SerializedOutput}'");
        }

        // Scheduling events: every sequence number once, with no gaps.
        var scheduled = new Dictionary<int, (HistoryEvent Event, int Index)>();
        for (int index = 0; index < history.Count; index++)
        {
            HistoryEvent e = history[index];
            if (Scheduling.Contains(e.EventType) && !scheduled.TryAdd(e.EventId, (e, index)))
            {
                Problem($"EventId {e.EventId} is scheduled twice ({scheduled[e.EventId].Event} and {e})");
            }
        }

        if (scheduled.Count > 0 && (scheduled.Keys.Min() != 0 || scheduled.Keys.Max() != scheduled.Count - 1))
        {
            Problem($"the scheduled EventIds are not 0..{scheduled.Count - 1}: {string.Join(",", scheduled.Keys.Order())}");
        }

        // Completions: each refers to an earlier scheduling event of the matching kind, and comes at most once.
        var completions = new Dictionary<int, HistoryEvent>();
        for (int index = 0; index < history.Count; index++)
        {
            HistoryEvent e = history[index];
            HistoryEventType? expectedScheduler = e.EventType switch
            {
                HistoryEventType.TaskCompleted or HistoryEventType.TaskFailed => HistoryEventType.TaskScheduled,
                HistoryEventType.TimerFired => HistoryEventType.TimerCreated,
                HistoryEventType.SubOrchestrationInstanceCompleted or HistoryEventType.SubOrchestrationInstanceFailed => HistoryEventType.SubOrchestrationInstanceCreated,
                _ => null,
            };
            if (expectedScheduler is null)
            {
                continue;
            }

            if (!completions.TryAdd(e.TaskScheduledId, e))
            {
                Problem($"task #{e.TaskScheduledId} completes twice ({completions[e.TaskScheduledId]} and {e})");
            }

            if (!scheduled.TryGetValue(e.TaskScheduledId, out var scheduler) || scheduler.Event.EventType != expectedScheduler)
            {
                Problem($"{e} has no {expectedScheduler} #{e.TaskScheduledId}");
            }
            else if (scheduler.Index > index)
            {
                Problem($"{e} comes before its {scheduler.Event}");
            }
        }
    }

    /// <summary>The exact shape of a top-level instance's history for its kind.</summary>
    public static void CheckShape(int index, IList<HistoryEvent> history, List<string> problems)
    {
        ArgumentNullException.ThrowIfNull(history);
        ArgumentNullException.ThrowIfNull(problems);
        string id = Workload.InstanceId(index);
        var counts = history.GroupBy(e => e.EventType).ToDictionary(g => g.Key, g => g.Count());
        int Count(HistoryEventType type) => counts.GetValueOrDefault(type);
        void Expect(HistoryEventType type, int expected)
        {
            if (Count(type) != expected)
            {
                problems.Add($"{id}: {Count(type)} x {type}, expected {expected} | history: {string.Join(", ", history)}");
            }
        }

        HistoryEventType[] others = [HistoryEventType.EventSent, HistoryEventType.ExecutionTerminated, HistoryEventType.ContinueAsNew,
            HistoryEventType.ExecutionSuspended, HistoryEventType.ExecutionResumed, HistoryEventType.SubOrchestrationInstanceFailed];
        foreach (HistoryEventType type in others)
        {
            Expect(type, 0);
        }

        WorkloadKind kind = Workload.KindOf(index);
        switch (kind)
        {
            case WorkloadKind.Sequence:
                ExpectTasks(Workload.SequenceLength, 0);
                break;
            case WorkloadKind.FanOut:
                ExpectTasks(Workload.FanOutWidth, 0);
                break;
            case WorkloadKind.Timer:
                ExpectTasks(1, 1);
                Expect(HistoryEventType.TimerFired, 1);
                CheckTimer(index, history, problems);
                break;
            case WorkloadKind.Event:
                // The timeout's timer is recorded only when the orchestrator had to wait: an event already there when
                // it started completes it in the same episode, and the cancelled timer is never scheduled.
                ExpectTasks(0, Math.Min(Count(HistoryEventType.TimerCreated), 1));
                Expect(HistoryEventType.TimerFired, 0);
                Expect(HistoryEventType.EventRaised, 1);
                HistoryEvent? raised = history.FirstOrDefault(e => e.EventType == HistoryEventType.EventRaised);
                if (raised is not null && (raised.Name != Workload.EventName || raised.Input != Json(Workload.EventPayload(index))))
                {
                    problems.Add($"{id}: unexpected event {raised.Name} {raised.Input}");
                }

                break;
            case WorkloadKind.SubOrchestration:
                ExpectTasks(0, 0);
                Expect(HistoryEventType.SubOrchestrationInstanceCreated, 1);
                Expect(HistoryEventType.SubOrchestrationInstanceCompleted, 1);
                HistoryEvent? created = history.FirstOrDefault(e => e.EventType == HistoryEventType.SubOrchestrationInstanceCreated);
                HistoryEvent? done = history.FirstOrDefault(e => e.EventType == HistoryEventType.SubOrchestrationInstanceCompleted);
                if (created is not null && (created.Name != Workload.Echo || created.Input != Json(Workload.ChildInput(index))))
                {
                    problems.Add($"{id}: unexpected sub-orchestration {created.Name} {created.Input}");
                }

                if (done is not null && done.Result != Json(Workload.ExpectedChildOutput(index)))
                {
                    problems.Add($"{id}: unexpected sub-orchestration result {done.Result}");
                }

                break;
            case WorkloadKind.Retry:
                // One failed attempt, a durable retry timer, one successful attempt; or, when a crash lost the first
                // attempt's failure, its redelivery succeeds and there is no retry.
                int attempts = Count(HistoryEventType.TaskScheduled);
                if (attempts is < 1 or > 2)
                {
                    problems.Add($"{id}: {attempts} attempts, expected 1 or 2 | history: {string.Join(", ", history)}");
                    break;
                }

                Expect(HistoryEventType.TaskCompleted, 1);
                Expect(HistoryEventType.TaskFailed, attempts - 1);
                Expect(HistoryEventType.TimerCreated, attempts - 1);
                Expect(HistoryEventType.TimerFired, attempts - 1);
                HistoryEvent lastAttempt = history.Last(e => e.EventType == HistoryEventType.TaskScheduled);
                if (!history.Any(e => e.EventType == HistoryEventType.TaskCompleted && e.TaskScheduledId == lastAttempt.EventId))
                {
                    problems.Add($"{id}: the last attempt #{lastAttempt.EventId} did not complete");
                }

                break;
            default:
                problems.Add($"{id}: unknown kind {kind}");
                break;
        }

        void ExpectTasks(int tasks, int timers)
        {
            Expect(HistoryEventType.TaskScheduled, tasks);
            Expect(HistoryEventType.TaskCompleted, tasks);
            Expect(HistoryEventType.TaskFailed, 0);
            Expect(HistoryEventType.TimerCreated, timers);
            if (kind != WorkloadKind.SubOrchestration)
            {
                Expect(HistoryEventType.SubOrchestrationInstanceCreated, 0);
            }

            if (kind != WorkloadKind.Event)
            {
                Expect(HistoryEventType.EventRaised, 0);
            }
        }
    }

    /// <summary>The exact shape of an <see cref="Workload.Echo"/> sub-orchestration's history.</summary>
    public static void CheckChildShape(string id, IList<HistoryEvent> history, List<string> problems)
    {
        ArgumentNullException.ThrowIfNull(history);
        ArgumentNullException.ThrowIfNull(problems);
        int scheduled = history.Count(e => e.EventType == HistoryEventType.TaskScheduled);
        int completed = history.Count(e => e.EventType == HistoryEventType.TaskCompleted);
        int other = history.Count(e => e.EventType is HistoryEventType.TaskFailed or HistoryEventType.TimerCreated or HistoryEventType.EventRaised
            or HistoryEventType.SubOrchestrationInstanceCreated or HistoryEventType.EventSent);
        if (scheduled != 1 || completed != 1 || other != 0)
        {
            problems.Add($"{id}: unexpected sub-orchestration history: {string.Join(", ", history)}");
        }
    }

    /// <summary>The serialized form of a string value.</summary>
    public static string Json(string value) => JsonSerializer.Serialize(value);

    private static void CheckTimer(int index, IList<HistoryEvent> history, List<string> problems)
    {
        string id = Workload.InstanceId(index);
        int startIndex = history.IndexOf(history.First(e => e.EventType == HistoryEventType.ExecutionStarted));
        HistoryEvent? created = history.FirstOrDefault(e => e.EventType == HistoryEventType.TimerCreated);
        int firedIndex = history.IndexOf(history.FirstOrDefault(e => e.EventType == HistoryEventType.TimerFired)!);
        if (created?.FireAt is not { } fireAt || firedIndex < 0 || startIndex < 1)
        {
            return;
        }

        // The timer is due the timer's length after the orchestration time of the episode that created it.
        DateTime createdAt = history[startIndex - 1].Timestamp;
        if (fireAt - createdAt != Workload.TimerDelay(index))
        {
            problems.Add(string.Create(CultureInfo.InvariantCulture, $"{id}: the timer is due {fireAt - createdAt} after it was created, expected {Workload.TimerDelay(index)}"));
        }

        // It fired no earlier than due: the episode that delivered it runs at or after the due time.
        HistoryEvent? episode = history.Take(firedIndex).LastOrDefault(e => e.EventType == HistoryEventType.OrchestratorStarted);
        if (episode is null || episode.Timestamp < fireAt)
        {
            problems.Add(string.Create(CultureInfo.InvariantCulture, $"{id}: the timer due {fireAt:o} was delivered in an episode at {episode?.Timestamp:o}"));
        }
    }
}
