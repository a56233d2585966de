using System.Globalization;
using DurableTask.Core;
using DurableTask.Core.History;
using Workflows.DurableTask.CrashHost;
using Workflows.DurableTask.CrashHost.Orchestrations;

namespace Workflows.DurableTask.CrashTests.Infrastructure;

/// <summary>Checks of DurableTask.Core histories: each execution consistent in itself (scheduling ids 0..n-1 with no
/// gap and no repeat, every completion after its own scheduling event and at most once per task) and of the exact
/// shape its kind gives in a crash-free run.</summary>
public static class HistoryChecks
{
    private static readonly System.Text.Json.JsonSerializerOptions InputOptions = new() { PropertyNameCaseInsensitive = true };

    /// <summary>A history as one short line, for messages.</summary>
    public static string Describe(IEnumerable<HistoryEvent> history) =>
        string.Join(", ", history.Select(e => e.EventId >= 0 ? $"{e.EventType}#{e.EventId}" : e.EventType.ToString()));

    /// <summary>Splits a history into its executions (a continued-as-new instance may have several).</summary>
    public static IReadOnlyList<IReadOnlyList<HistoryEvent>> Executions(IList<HistoryEvent> history)
    {
        ArgumentNullException.ThrowIfNull(history);
        var starts = new List<int>();
        for (int i = 0; i < history.Count; i++)
        {
            if (history[i].EventType == EventType.ExecutionStarted)
            {
                // The episode's OrchestratorStarted events before it belong to the same execution.
                int start = i;
                while (start > 0 && history[start - 1].EventType == EventType.OrchestratorStarted)
                {
                    start--;
                }

                starts.Add(start);
            }
        }

        if (starts.Count == 0)
        {
            return [[.. history]];
        }

        return [.. starts.Select((start, k) => (IReadOnlyList<HistoryEvent>)[.. history.Skip(start).Take((k + 1 < starts.Count ? starts[k + 1] : history.Count) - start)])];
    }

    /// <summary>The history without responses recorded a second time: a TaskCompleted, TaskFailed, TimerFired or
    /// sub-orchestration response to a task that already has the same response with the same result earlier in the same
    /// execution. A second response that differs is a problem unless <paramref name="resultMayDiffer"/>.</summary>
    /// <param name="id">The instance.</param>
    /// <param name="history">Its history.</param>
    /// <param name="resultMayDiffer">Whether a redelivered response may differ from the first: an activity that fails on
    /// its first run and succeeds on the next (the Retry kind) gives a different result when a killed worker's run is
    /// repeated. DurableTask.Core acts on the first response and ignores the second, which is what is checked then.</param>
    /// <param name="problems">Where problems go.</param>
    /// <param name="redelivered">How many responses were dropped.</param>
    public static IList<HistoryEvent> WithoutRedeliveredResponses(string id, IList<HistoryEvent> history, bool resultMayDiffer, List<string> problems, out int redelivered)
    {
        ArgumentNullException.ThrowIfNull(problems);
        var kept = new List<HistoryEvent>();
        redelivered = 0;
        foreach (IReadOnlyList<HistoryEvent> execution in Executions(history))
        {
            var responses = new Dictionary<int, HistoryEvent>();
            foreach (HistoryEvent e in execution)
            {
                if (Response(e) is not { } reference || responses.TryAdd(reference.Id, e))
                {
                    kept.Add(e);
                }
                else if (resultMayDiffer || (responses[reference.Id].EventType == e.EventType && Result(responses[reference.Id]) == Result(e)))
                {
                    redelivered++;
                }
                else
                {
                    problems.Add($"{id}: task #{reference.Id} has two different responses, {responses[reference.Id].EventType} and {e.EventType} | {Describe(history)}");
                }
            }
        }

        return kept;
    }

    /// <summary>The invariants every execution of a completed instance holds; problems are added to
    /// <paramref name="problems"/>.</summary>
    /// <param name="id">The instance.</param>
    /// <param name="history">Its history as the client returns it.</param>
    /// <param name="serializedOutput">The instance's output, which the last execution's completion event must carry.</param>
    /// <param name="problems">Where problems go.</param>
    public static void CheckConsistency(string id, IList<HistoryEvent> history, string? serializedOutput, List<string> problems)
    {
        ArgumentNullException.ThrowIfNull(problems);
        IReadOnlyList<IReadOnlyList<HistoryEvent>> executions = Executions(history);
        for (int n = 0; n < executions.Count; n++)
        {
            CheckExecution($"{id} execution {n + 1}/{executions.Count}", executions[n], isLast: n == executions.Count - 1, serializedOutput, problems);
        }
    }

    /// <summary>The exact shape of a top-level instance's last execution for its kind.</summary>
    /// <param name="index">The instance's number in the workload.</param>
    /// <param name="history">Its history, without redelivered responses.</param>
    /// <param name="responsesRedelivered">Whether responses were recorded twice: a timer's first delivery may then come
    /// from a run of its creating episode that was lost in a crash, and be due earlier than the recorded one.</param>
    /// <param name="timerGranularity">How much earlier than due the provider may deliver a timer.</param>
    /// <param name="problems">Where problems go.</param>
    public static void CheckShape(int index, IList<HistoryEvent> history, bool responsesRedelivered, TimeSpan timerGranularity, List<string> problems)
    {
        ArgumentNullException.ThrowIfNull(problems);
        string id = Workload.InstanceId(index);
        IReadOnlyList<HistoryEvent> last = Executions(history)[^1];
        var counts = last.GroupBy(e => e.EventType).ToDictionary(g => g.Key, g => g.Count());
        int Count(EventType type) => counts.GetValueOrDefault(type);
        void Expect(EventType type, int expected)
        {
            if (Count(type) != expected)
            {
                problems.Add($"{id}: {Count(type)} x {type}, expected {expected} | {Describe(last)}");
            }
        }

        foreach (EventType type in (EventType[])[EventType.EventSent, EventType.ExecutionTerminated, EventType.ExecutionSuspended,
            EventType.ExecutionResumed, EventType.SubOrchestrationInstanceFailed, EventType.ExecutionFailed])
        {
            Expect(type, 0);
        }

        WorkloadKind kind = Workload.KindOf(index);
        if (kind != WorkloadKind.SubOrchestration)
        {
            Expect(EventType.SubOrchestrationInstanceCreated, 0);
        }

        if (kind != WorkloadKind.Event)
        {
            Expect(EventType.EventRaised, 0);
        }

        if (kind != WorkloadKind.Retry)
        {
            Expect(EventType.TaskFailed, 0);
        }

        switch (kind)
        {
            case WorkloadKind.Sequence:
                ExpectTasks(Workload.SequenceLength, timers: 0);
                break;
            case WorkloadKind.FanOut:
                ExpectTasks(Workload.FanOutWidth, timers: 0);
                break;
            case WorkloadKind.Timer:
                ExpectTasks(1, timers: 1);
                Expect(EventType.TimerFired, 1);
                CheckTimer(id, Workload.TimerDelay(index), last, checkDelivery: !responsesRedelivered, timerGranularity, problems);
                break;
            case WorkloadKind.Event:
                // The SDK races a durable timer against the event; the event wins, and the timer never fires.
                ExpectTasks(0, timers: 1);
                Expect(EventType.TimerFired, 0);
                Expect(EventType.EventRaised, 1);
                if (last.OfType<EventRaisedEvent>().FirstOrDefault() is { } raised && (raised.Name != Workload.EventName || raised.Input != Json(Workload.EventPayload(index))))
                {
                    problems.Add($"{id}: unexpected event {raised.Name} {raised.Input}");
                }

                break;
            case WorkloadKind.SubOrchestration:
                ExpectTasks(0, timers: 0);
                Expect(EventType.SubOrchestrationInstanceCreated, 1);
                Expect(EventType.SubOrchestrationInstanceCompleted, 1);
                // The host sets the dispatcher's IncludeParameters, so the created event carries the child's input too;
                // the input is checked once, on the child's own ExecutionStarted (with the child).
                if (last.OfType<SubOrchestrationInstanceCreatedEvent>().FirstOrDefault() is { } created && created.Name != nameof(EchoOrchestrator))
                {
                    problems.Add($"{id}: unexpected sub-orchestration {created.Name}");
                }

                break;
            case WorkloadKind.Retry:
                // One failed attempt, a durable retry timer, one successful attempt; or, when a crash lost the first
                // attempt's failure, its redelivery succeeds and there is no retry.
                int attempts = Count(EventType.TaskScheduled);
                if (attempts is < 1 or > 2)
                {
                    problems.Add($"{id}: {attempts} attempts, expected 1 or 2 | {Describe(last)}");
                    break;
                }

                Expect(EventType.TaskCompleted, 1);
                Expect(EventType.TaskFailed, attempts - 1);
                Expect(EventType.TimerCreated, attempts - 1);
                Expect(EventType.TimerFired, attempts - 1);
                break;
            case WorkloadKind.ContinueAsNew:
                ExpectTasks(1, timers: 0);
                GenerationState? input = ReadInput<GenerationState>(last);
                if (input != Workload.LastGenerationInput(index))
                {
                    problems.Add($"{id}: the last execution started with {input}, expected {Workload.LastGenerationInput(index)}");
                }

                break;
            default:
                problems.Add($"{id}: unknown kind {kind}");
                break;
        }

        void ExpectTasks(int tasks, int timers)
        {
            Expect(EventType.TaskScheduled, tasks);
            Expect(EventType.TaskCompleted, tasks);
            Expect(EventType.TimerCreated, timers);
        }
    }

    /// <summary>The exact shape of the Echo sub-orchestration of instance number <paramref name="index"/>: its input,
    /// one activity and nothing else.</summary>
    public static void CheckChildShape(int index, string id, IList<HistoryEvent> history, List<string> problems)
    {
        ArgumentNullException.ThrowIfNull(history);
        ArgumentNullException.ThrowIfNull(problems);
        string? input = ReadInput<string>(history);
        if (input != Workload.ChildInput(index))
        {
            problems.Add($"{id}: started with '{input}', expected '{Workload.ChildInput(index)}'");
        }

        int scheduled = history.Count(e => e.EventType == EventType.TaskScheduled);
        int completed = history.Count(e => e.EventType == EventType.TaskCompleted);
        int other = history.Count(e => e.EventType is EventType.TaskFailed or EventType.TimerCreated or EventType.EventRaised
            or EventType.SubOrchestrationInstanceCreated or EventType.EventSent or EventType.ContinueAsNew);
        if (scheduled != 1 || completed != 1 || other != 0)
        {
            problems.Add($"{id}: unexpected sub-orchestration history: {Describe(history)}");
        }
    }

    private static T? ReadInput<T>(IEnumerable<HistoryEvent> history) =>
        history.OfType<ExecutionStartedEvent>().FirstOrDefault()?.Input is { Length: > 0 } json
            ? System.Text.Json.JsonSerializer.Deserialize<T>(json, InputOptions)
            : default;

    /// <summary>The serialized form of a string value, as the SDK writes it.</summary>
    public static string Json(string value) => System.Text.Json.JsonSerializer.Serialize(value);

    private static void CheckExecution(string label, IReadOnlyList<HistoryEvent> history, bool isLast, string? serializedOutput, List<string> problems)
    {
        void Problem(string text) => problems.Add($"{label}: {text} | {Describe(history)}");

        int started = history.Count(e => e.EventType == EventType.ExecutionStarted);
        List<ExecutionCompletedEvent> completions = [.. history.OfType<ExecutionCompletedEvent>()];
        if (started != 1 || completions.Count != 1)
        {
            Problem($"{started} ExecutionStarted and {completions.Count} completion events, expected one of each");
            return;
        }

        // DurableTask.Core closes the final episode with OrchestratorCompleted after the completion event.
        HistoryEvent? final = history.LastOrDefault(e => e.EventType != EventType.OrchestratorCompleted);
        if (final is not ExecutionCompletedEvent end)
        {
            Problem($"the last event is {final?.EventType}, not the execution's completion");
            return;
        }

        OrchestrationStatus expectedStatus = isLast ? OrchestrationStatus.Completed : OrchestrationStatus.ContinuedAsNew;
        if (end.OrchestrationStatus != expectedStatus)
        {
            Problem($"the execution ended {end.OrchestrationStatus}, expected {expectedStatus}");
        }
        else if (isLast && end.Result != serializedOutput)
        {
            Problem($"the completion event says '{end.Result}', the instance's output is '{serializedOutput}'");
        }

        // Scheduling events: every id once, 0..n-1 with no gap.
        var scheduled = new Dictionary<int, (HistoryEvent Event, int Position)>();
        for (int position = 0; position < history.Count; position++)
        {
            HistoryEvent e = history[position];
            if (e.EventType is EventType.TaskScheduled or EventType.TimerCreated or EventType.SubOrchestrationInstanceCreated or EventType.EventSent
                && !scheduled.TryAdd(e.EventId, (e, position)))
            {
                Problem($"id {e.EventId} is scheduled twice ({scheduled[e.EventId].Event.EventType} and {e.EventType})");
            }
        }

        if (scheduled.Count > 0 && (scheduled.Keys.Min() != 0 || scheduled.Keys.Max() != scheduled.Count - 1))
        {
            Problem($"the scheduling ids are not 0..{scheduled.Count - 1}: {string.Join(",", scheduled.Keys.Order())}");
        }

        // Completions: each after an earlier scheduling event of the matching kind, and at most one per task.
        var completed = new Dictionary<int, HistoryEvent>();
        for (int position = 0; position < history.Count; position++)
        {
            if (Response(history[position]) is not { } r)
            {
                continue;
            }

            HistoryEvent e = history[position];
            if (!completed.TryAdd(r.Id, e))
            {
                Problem($"task #{r.Id} completes twice ({completed[r.Id].EventType} and {e.EventType})");
            }

            if (!scheduled.TryGetValue(r.Id, out var scheduler) || scheduler.Event.EventType != r.Scheduler)
            {
                Problem($"{e.EventType} refers to #{r.Id}, which is no {r.Scheduler}");
            }
            else if (scheduler.Position > position)
            {
                Problem($"{e.EventType} of #{r.Id} comes before its {r.Scheduler}");
            }
        }
    }

    /// <summary>The task a response answers, and the kind of event that scheduled it; null for other events.</summary>
    private static (int Id, EventType Scheduler)? Response(HistoryEvent e) => e switch
    {
        TaskCompletedEvent c => (c.TaskScheduledId, EventType.TaskScheduled),
        TaskFailedEvent f => (f.TaskScheduledId, EventType.TaskScheduled),
        TimerFiredEvent t => (t.TimerId, EventType.TimerCreated),
        SubOrchestrationInstanceCompletedEvent s => (s.TaskScheduledId, EventType.SubOrchestrationInstanceCreated),
        SubOrchestrationInstanceFailedEvent s => (s.TaskScheduledId, EventType.SubOrchestrationInstanceCreated),
        _ => null,
    };

    private static string? Result(HistoryEvent e) => e switch
    {
        TaskCompletedEvent c => c.Result,
        TaskFailedEvent f => f.Reason,
        SubOrchestrationInstanceCompletedEvent s => s.Result,
        _ => null,
    };

    private static void CheckTimer(string id, TimeSpan delay, IReadOnlyList<HistoryEvent> history, bool checkDelivery, TimeSpan granularity, List<string> problems)
    {
        int createdAt = IndexOf<TimerCreatedEvent>(history);
        int firedAt = IndexOf<TimerFiredEvent>(history);
        if (createdAt < 0 || firedAt < 0)
        {
            return;
        }

        // The timer is due its length after the orchestration time of the episode that created it, and it is
        // delivered in an episode that starts no earlier than that.
        var created = (TimerCreatedEvent)history[createdAt];
        DateTime createdEpisode = EpisodeStart(history, createdAt);
        if (created.FireAt - createdEpisode != delay)
        {
            problems.Add(string.Create(CultureInfo.InvariantCulture, $"{id}: the timer is due {created.FireAt - createdEpisode} after the episode that created it, expected {delay}"));
        }

        DateTime firedEpisode = EpisodeStart(history, firedAt);
        if (checkDelivery && firedEpisode < created.FireAt - granularity)
        {
            problems.Add(string.Create(CultureInfo.InvariantCulture, $"{id}: the timer due {created.FireAt:o} was delivered in an episode of {firedEpisode:o}"));
        }
    }

    private static int IndexOf<T>(IReadOnlyList<HistoryEvent> history)
    {
        for (int i = 0; i < history.Count; i++)
        {
            if (history[i] is T)
            {
                return i;
            }
        }

        return -1;
    }

    private static DateTime EpisodeStart(IReadOnlyList<HistoryEvent> history, int position)
    {
        for (int i = position; i >= 0; i--)
        {
            if (history[i].EventType == EventType.OrchestratorStarted)
            {
                return history[i].Timestamp;
            }
        }

        return DateTime.MinValue;
    }
}
