using DurableTask.Core;
using DurableTask.Core.History;

namespace Workflows.Soak.Verification;

/// <summary>Checks that a completed instance's DurableTask.Core history has no gap and no repeat: per execution one
/// start and one completion closing it, scheduling ids 0..n-1 each used once, every response answering an earlier
/// scheduling event of its kind, every activity and sub-orchestration answered, and nothing answered twice (a second
/// response equal to the first, which Azure Storage can redeliver after a crash, is counted apart).</summary>
public static class HistoryAudit
{
    /// <summary>Adds the problems of <paramref name="history"/> (the instance <paramref name="id"/>, whose output is
    /// <paramref name="serializedOutput"/>) to <paramref name="problems"/>; returns how many responses were redelivered.</summary>
    public static int Check(string id, IList<HistoryEvent> history, string? serializedOutput, ICollection<string> problems)
    {
        ArgumentNullException.ThrowIfNull(history);
        ArgumentNullException.ThrowIfNull(problems);
        List<List<HistoryEvent>> executions = Executions(history);
        if (executions.Count == 0)
        {
            problems.Add($"{id}: its history has no ExecutionStarted event");
            return 0;
        }

        int redelivered = 0;
        for (int n = 0; n < executions.Count; n++)
        {
            bool last = n == executions.Count - 1;
            redelivered += CheckExecution($"{id} (execution {n + 1} of {executions.Count})", executions[n], last ? OrchestrationStatus.Completed : OrchestrationStatus.ContinuedAsNew, last ? serializedOutput : null, problems);
        }

        return redelivered;
    }

    /// <summary>The history cut at each ExecutionStarted (with the episode marker before it).</summary>
    private static List<List<HistoryEvent>> Executions(IList<HistoryEvent> history)
    {
        var executions = new List<List<HistoryEvent>>();
        List<HistoryEvent> pending = [];
        foreach (HistoryEvent e in history)
        {
            if (e.EventType == EventType.ExecutionStarted)
            {
                var execution = new List<HistoryEvent>(pending) { e };
                pending.Clear();
                executions.Add(execution);
            }
            else if (executions.Count == 0 || (e.EventType == EventType.OrchestratorStarted && Closed(executions[^1])))
            {
                pending.Add(e);
            }
            else
            {
                executions[^1].Add(e);
            }
        }

        return executions;
    }

    private static bool Closed(List<HistoryEvent> execution) => execution.Any(e => e is ExecutionCompletedEvent);

    private static int CheckExecution(string label, List<HistoryEvent> execution, OrchestrationStatus endStatus, string? serializedOutput, ICollection<string> problems)
    {
        void Problem(string text) => problems.Add($"{label}: {text} | {Describe(execution)}");

        var scheduled = new Dictionary<int, EventType>();
        var answered = new Dictionary<int, HistoryEvent>();
        int redelivered = 0;
        ExecutionCompletedEvent? end = null;
        foreach (HistoryEvent e in execution)
        {
            if (end is not null && e.EventType != EventType.OrchestratorCompleted)
            {
                Problem($"{e.EventType} after the execution's completion");
            }

            switch (e)
            {
                case ExecutionCompletedEvent completed:
                    end = completed;
                    break;
                case TaskScheduledEvent or TimerCreatedEvent or SubOrchestrationInstanceCreatedEvent or EventSentEvent:
                    if (!scheduled.TryAdd(e.EventId, e.EventType))
                    {
                        Problem($"id {e.EventId} is scheduled twice");
                    }

                    break;
                case ExecutionTerminatedEvent or ExecutionSuspendedEvent or ExecutionRewoundEvent:
                    Problem($"an {e.EventType} event, which the soak never asks for");
                    break;
                default:
                    if (Answer(e) is { } answer)
                    {
                        if (!scheduled.TryGetValue(answer.Id, out EventType kind) || kind != answer.Kind)
                        {
                            Problem($"{e.EventType} answers id {answer.Id}, which no earlier {answer.Kind} has");
                        }
                        else if (!answered.TryAdd(answer.Id, e))
                        {
                            if (Result(answered[answer.Id]) == Result(e) && answered[answer.Id].EventType == e.EventType)
                            {
                                redelivered++;
                            }
                            else
                            {
                                Problem($"id {answer.Id} has two different answers, {answered[answer.Id].EventType} and {e.EventType}");
                            }
                        }
                    }

                    break;
            }
        }

        if (execution.Count(e => e.EventType == EventType.ExecutionStarted) != 1)
        {
            Problem("not exactly one ExecutionStarted");
        }

        if (end is null)
        {
            Problem("no completion event");
        }
        else if (end.OrchestrationStatus != endStatus)
        {
            Problem($"it ended {end.OrchestrationStatus}, expected {endStatus}");
        }
        else if (endStatus == OrchestrationStatus.Completed && end.Result != serializedOutput)
        {
            Problem("the completion event's result is not the instance's output");
        }

        if (scheduled.Count > 0 && (scheduled.Keys.Min() != 0 || scheduled.Keys.Max() != scheduled.Count - 1))
        {
            Problem($"the scheduling ids are not 0..{scheduled.Count - 1}");
        }

        foreach ((int id, EventType kind) in scheduled.Where(s => s.Value is EventType.TaskScheduled or EventType.SubOrchestrationInstanceCreated))
        {
            if (!answered.ContainsKey(id))
            {
                Problem($"{kind} #{id} has no answer");
            }
        }

        return redelivered;
    }

    /// <summary>The scheduling event an event answers: its id and kind.</summary>
    private static (int Id, EventType Kind)? Answer(HistoryEvent e) => e switch
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
        SubOrchestrationInstanceCompletedEvent s => s.Result,
        TaskFailedEvent f => f.FailureDetails?.ErrorMessage ?? f.Reason,
        _ => null,
    };

    /// <summary>A history as one short line, for messages (the last 30 events).</summary>
    public static string Describe(IEnumerable<HistoryEvent> history) =>
        string.Join(", ", history.TakeLast(30).Select(e => e.EventId >= 0 ? $"{e.EventType}#{e.EventId}" : e.EventType.ToString()));

    /// <summary>The last events of a history with how long before <paramref name="now"/> each was written, and the
    /// reason of each failure: what a person needs to tell a stuck instance from a slow one.</summary>
    public static string DescribeTimed(IEnumerable<HistoryEvent> history, DateTime now) =>
        string.Join(", ", history.Select(e =>
        {
            string name = e.EventId >= 0 ? $"{e.EventType}#{e.EventId}" : e.EventType.ToString();
            string ago = e.Timestamp > DateTime.MinValue ? string.Create(System.Globalization.CultureInfo.InvariantCulture, $" {(now - e.Timestamp).TotalSeconds:0}s ago") : string.Empty;
            string why = e is TaskFailedEvent { FailureDetails: { } failure } ? $" ({failure.ErrorType}: {Shorten(failure.ErrorMessage, 160)})" : string.Empty;
            return name + ago + why;
        }));

    private static string Shorten(string? text, int max) =>
        text is null ? string.Empty : text.Length <= max ? text : text[..max] + "...";
}
