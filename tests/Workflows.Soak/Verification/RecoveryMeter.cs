using DurableTask.Core.History;
using Workflows.Soak.Hosts;
using Workflows.Soak.Tracking;

namespace Workflows.Soak.Verification;

/// <summary>How long each instance a killed process held took to move again, from the history the store kept: for an
/// activity the process had started, until that activity's result was recorded; for an instance it held in its session,
/// until its next episode began, counted from the kill or from when that episode's first message became due, whichever
/// is later (a timer due later, or an event raised later, is not time lost). Work that became due more than
/// <see cref="Horizon"/> after the kill is not counted as held up by it.</summary>
public static class RecoveryMeter
{
    /// <summary>How far past a kill work may become due and still count as held up by it.</summary>
    public static readonly TimeSpan Horizon = TimeSpan.FromSeconds(5);

    /// <summary>The recovery time, in seconds, of each (kill, held instance) pair whose instance had work held up; the
    /// histories are by instance id (instances without one are left out).</summary>
    public static List<double> Measure(IEnumerable<KillRecord> kills, IReadOnlyDictionary<string, IList<HistoryEvent>> histories)
    {
        ArgumentNullException.ThrowIfNull(kills);
        ArgumentNullException.ThrowIfNull(histories);
        var seconds = new List<double>();
        foreach (KillRecord kill in kills)
        {
            foreach (HeldWork held in kill.InHand)
            {
                if (histories.TryGetValue(held.InstanceId, out IList<HistoryEvent>? history) && Recovery(kill.At, held, history) is { } recovery)
                {
                    seconds.Add(recovery.TotalSeconds);
                }
            }
        }

        return seconds;
    }

    /// <summary>The time <paramref name="held"/> took to move again after a kill at <paramref name="killedAt"/>, or null
    /// when none of it was held up.</summary>
    public static TimeSpan? Recovery(DateTime killedAt, HeldWork held, IList<HistoryEvent> history)
    {
        ArgumentNullException.ThrowIfNull(held);
        ArgumentNullException.ThrowIfNull(history);
        TimeSpan? longest = null;
        void Note(TimeSpan value)
        {
            if (longest is null || value > longest)
            {
                longest = value;
            }
        }

        foreach (int activity in held.Activities)
        {
            HistoryEvent? answer = history.FirstOrDefault(e => e is TaskCompletedEvent c && c.TaskScheduledId == activity || e is TaskFailedEvent f && f.TaskScheduledId == activity);
            if (answer is not null && Utc(answer.Timestamp) > killedAt)
            {
                Note(Utc(answer.Timestamp) - killedAt);
            }
        }

        if (held.Session && NextEpisode(killedAt, history) is { } episode && episode.Due <= killedAt + Horizon)
        {
            Note(episode.Started - (episode.Due > killedAt ? episode.Due : killedAt));
        }

        return longest;
    }

    /// <summary>The first episode that began after <paramref name="after"/>: when it began, and when the first message
    /// it took became due.</summary>
    private static (DateTime Started, DateTime Due)? NextEpisode(DateTime after, IList<HistoryEvent> history)
    {
        for (int i = 0; i < history.Count; i++)
        {
            if (history[i] is not OrchestratorStartedEvent started || Utc(started.Timestamp) <= after)
            {
                continue;
            }

            DateTime? due = null;
            for (int j = i + 1; j < history.Count && history[j] is not OrchestratorStartedEvent; j++)
            {
                if (DueOf(history[j]) is { } at && (due is null || at < due))
                {
                    due = at;
                }
            }

            if (due is not null)
            {
                return (Utc(started.Timestamp), due.Value);
            }
        }

        return null;
    }

    /// <summary>When a message an episode takes became due: a timer at its fire time, anything else when it was made.</summary>
    private static DateTime? DueOf(HistoryEvent e) => e switch
    {
        TimerFiredEvent timer => Utc(timer.FireAt),
        ExecutionStartedEvent start => Utc(start.ScheduledStartTime ?? start.Timestamp),
        TaskCompletedEvent or TaskFailedEvent or EventRaisedEvent or SubOrchestrationInstanceCompletedEvent or SubOrchestrationInstanceFailedEvent => Utc(e.Timestamp),
        _ => null,
    };

    private static DateTime Utc(DateTime time) => time.Kind == DateTimeKind.Local ? time.ToUniversalTime() : DateTime.SpecifyKind(time, DateTimeKind.Utc);
}
