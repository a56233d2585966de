using System.Globalization;
using DurableTask.Core;
using DurableTask.Core.Command;
using DurableTask.Core.History;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Worker;
using Microsoft.DurableTask.Worker.Shims;
using Microsoft.Extensions.Logging.Abstractions;

namespace Workflows.Functions.Tests.Proposals.Replay;

/// <summary>Replays a recorded history through DurableTask.Core, one episode at a time: the events before an episode
/// are the past, the episode's incoming events (its start, results, timers, events) are new, and the actions the
/// orchestrator takes must be the ones the episode recorded (same kind, id, name, timer due time, completion). This is
/// what a worker does to an instance in flight after a deployment: a code change that schedules something else
/// breaks every such instance, and shows here as a problem.</summary>
public static class HistoryReplayer
{
    private static readonly DurableTaskShimFactory Shims = new(new DurableTaskWorkerOptions(), NullLoggerFactory.Instance);

    /// <summary>The differences between what the orchestrator does now and what <paramref name="history"/> recorded;
    /// empty when it replays.</summary>
    public static IReadOnlyList<string> Problems(IList<HistoryEvent> history, Func<string, ITaskOrchestrator> orchestrators)
    {
        ArgumentNullException.ThrowIfNull(history);
        ArgumentNullException.ThrowIfNull(orchestrators);
        string name = history.OfType<ExecutionStartedEvent>().Single().Name;
        var problems = new List<string>();
        int start = 0;
        int episode = 0;
        while (start < history.Count)
        {
            int end = start;
            while (end < history.Count && history[end].EventType != EventType.OrchestratorCompleted)
            {
                end++;
            }

            List<HistoryEvent> events = [.. history.Skip(start).Take(end - start)];
            List<string> recorded = [.. events.Where(IsAction).Select(Describe)];
            List<string> replayed;
            try
            {
                var state = new OrchestrationRuntimeState(history.Take(start).ToList());
                foreach (HistoryEvent incoming in events.Where(e => !IsAction(e)))
                {
                    state.AddEvent(incoming);
                }

                TaskOrchestration orchestration = Shims.CreateOrchestration(new TaskName(name), orchestrators(name), parent: null);
                var executor = new TaskOrchestrationExecutor(state, orchestration, BehaviorOnContinueAsNew.Carryover, ErrorPropagationMode.UseFailureDetails);
                replayed = [.. executor.Execute().Actions.Select(Describe)];
            }
            catch (Exception exception) when (exception is not OutOfMemoryException)
            {
                replayed = [$"threw {exception.GetType().Name}: {exception.Message}"];
            }

            if (!recorded.SequenceEqual(replayed, StringComparer.Ordinal))
            {
                problems.Add(string.Create(CultureInfo.InvariantCulture,
                    $"{name} episode {episode}: recorded [{string.Join("; ", recorded)}], replayed [{string.Join("; ", replayed)}]"));
            }

            start = end + 1;
            episode++;
        }

        return problems;
    }

    private static bool IsAction(HistoryEvent e) => e.EventType is EventType.TaskScheduled or EventType.TimerCreated
        or EventType.SubOrchestrationInstanceCreated or EventType.EventSent or EventType.ExecutionCompleted or EventType.ExecutionFailed;

    private static string Describe(HistoryEvent e) => e switch
    {
        TaskScheduledEvent t => $"activity #{t.EventId} {t.Name}",
        TimerCreatedEvent t => string.Create(CultureInfo.InvariantCulture, $"timer #{t.EventId} at {Utc(t.FireAt):o}"),
        SubOrchestrationInstanceCreatedEvent s => $"sub-orchestration #{s.EventId} {s.Name} {s.InstanceId}",
        EventSentEvent s => $"event #{s.EventId} {s.Name} to {s.InstanceId}",
        ExecutionCompletedEvent c => $"completes {c.OrchestrationStatus}",
        _ => e.EventType.ToString(),
    };

    private static string Describe(OrchestratorAction action) => action switch
    {
        ScheduleTaskOrchestratorAction t => $"activity #{t.Id} {t.Name}",
        CreateTimerOrchestratorAction t => string.Create(CultureInfo.InvariantCulture, $"timer #{t.Id} at {Utc(t.FireAt):o}"),
        CreateSubOrchestrationAction s => $"sub-orchestration #{s.Id} {s.Name} {s.InstanceId}",
        SendEventOrchestratorAction s => $"event #{s.Id} {s.EventName} to {s.Instance?.InstanceId}",
        OrchestrationCompleteOrchestratorAction c => $"completes {c.OrchestrationStatus}",
        _ => action.OrchestratorActionType.ToString(),
    };

    // Stored times are UTC whether or not their kind says so.
    private static DateTime Utc(DateTime time) => time.Kind == DateTimeKind.Unspecified ? DateTime.SpecifyKind(time, DateTimeKind.Utc) : time.ToUniversalTime();
}
