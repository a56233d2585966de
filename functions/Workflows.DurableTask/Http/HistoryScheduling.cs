using DurableTask.Core.History;

namespace Workflows.DurableTask.Http;

/// <summary>The scheduling events of a history by their ids, and which of them a completion answered.</summary>
internal sealed class HistoryScheduling
{
    private readonly Dictionary<int, TaskScheduledEvent> tasks = [];
    private readonly Dictionary<int, SubOrchestrationInstanceCreatedEvent> children = [];
    private readonly Dictionary<int, TimerCreatedEvent> timers = [];
    private readonly HashSet<int> answeredTasks = [];
    private readonly HashSet<int> answeredChildren = [];

    public HistoryScheduling(IEnumerable<HistoryEvent> history)
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
                case TaskCompletedEvent completed:
                    this.answeredTasks.Add(completed.TaskScheduledId);
                    break;
                case TaskFailedEvent failed:
                    this.answeredTasks.Add(failed.TaskScheduledId);
                    break;
                case SubOrchestrationInstanceCompletedEvent completed:
                    this.answeredChildren.Add(completed.TaskScheduledId);
                    break;
                case SubOrchestrationInstanceFailedEvent failed:
                    this.answeredChildren.Add(failed.TaskScheduledId);
                    break;
                default:
                    break;
            }
        }
    }

    /// <summary>Whether <paramref name="e"/> is a scheduling that a later event completed (shown on the completion).</summary>
    public bool IsAnswered(HistoryEvent e) => e switch
    {
        TaskScheduledEvent scheduled => this.answeredTasks.Contains(scheduled.EventId),
        SubOrchestrationInstanceCreatedEvent created => this.answeredChildren.Contains(created.EventId),
        _ => false,
    };

    public TaskScheduledEvent? Task(int id) => this.tasks.GetValueOrDefault(id);

    public SubOrchestrationInstanceCreatedEvent? Child(int id) => this.children.GetValueOrDefault(id);

    public TimerCreatedEvent? Timer(int id) => this.timers.GetValueOrDefault(id);
}
