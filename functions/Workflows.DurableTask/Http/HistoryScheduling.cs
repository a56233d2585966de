using DurableTask.Core.History;

namespace Workflows.DurableTask.Http;

/// <summary>The scheduling events of a history by their ids: what each completion answers, and which schedulings were
/// answered (Durable Functions shows those once, on their completion).</summary>
internal sealed class HistoryScheduling
{
    private readonly Dictionary<int, TaskScheduledEvent> tasks = [];
    private readonly Dictionary<int, SubOrchestrationInstanceCreatedEvent> children = [];
    private readonly Dictionary<int, TimerCreatedEvent> timers = [];
    private readonly HashSet<HistoryEvent> answered = new(ReferenceEqualityComparer.Instance);

    public HistoryScheduling(IReadOnlyCollection<HistoryEvent> history)
    {
        foreach (HistoryEvent e in history)
        {
            switch (e)
            {
                case TaskScheduledEvent scheduled:
                    this.tasks[scheduled.EventId] = scheduled;
                    break;
                case SubOrchestrationInstanceCreatedEvent created:
                    this.children[created.EventId] = created;
                    break;
                case TimerCreatedEvent timer:
                    this.timers[timer.EventId] = timer;
                    break;
                default:
                    break;
            }
        }

        foreach (HistoryEvent e in history)
        {
            if (this.OriginOf(e) is { } origin)
            {
                this.answered.Add(origin);
            }
        }
    }

    /// <summary>Whether a later event completed the scheduling <paramref name="e"/>.</summary>
    public bool IsAnswered(HistoryEvent e) => this.answered.Contains(e);

    /// <summary>The scheduling a completion answers (a <see cref="TaskScheduledEvent"/> or a
    /// <see cref="SubOrchestrationInstanceCreatedEvent"/>); null for other events or when the history lacks it.</summary>
    public HistoryEvent? OriginOf(HistoryEvent e) => e switch
    {
        TaskCompletedEvent completed => this.tasks.GetValueOrDefault(completed.TaskScheduledId),
        TaskFailedEvent failed => this.tasks.GetValueOrDefault(failed.TaskScheduledId),
        SubOrchestrationInstanceCompletedEvent completed => this.children.GetValueOrDefault(completed.TaskScheduledId),
        SubOrchestrationInstanceFailedEvent failed => this.children.GetValueOrDefault(failed.TaskScheduledId),
        _ => null,
    };

    public TimerCreatedEvent? Timer(int id) => this.timers.GetValueOrDefault(id);
}
