using System.Text.RegularExpressions;

namespace Workflows.Soak.Tracking;

/// <summary>What one host process had in hand, read from DurableTask.Core's log lines as they arrive: the instances
/// whose episodes it ran (and so may still hold, in an extended session), the activities it started and did not finish,
/// and the emails its development outbox stored.</summary>
/// <remarks>The lines are the console logger's single-line form: <c>info: DurableTask.Core[51] {instanceId}: Executing ...</c>.</remarks>
public sealed partial class HostWork
{
    private readonly Lock gate = new();
    private readonly Dictionary<string, DateTime> episodes = new(StringComparer.Ordinal);
    private readonly HashSet<string> finished = new(StringComparer.Ordinal);
    private readonly Dictionary<string, HashSet<string>> activities = new(StringComparer.Ordinal);
    private readonly List<string> stored = [];

    /// <summary>Reads one line the process wrote at <paramref name="at"/>; returns the instance whose episode it
    /// reports, if any, so that the caller can note which process ran that instance last.</summary>
    public string? Observe(string line, DateTime at)
    {
        ArgumentNullException.ThrowIfNull(line);
        if (line.Contains("DevelopmentOutbox[303]", StringComparison.Ordinal) && OutboxStored().Match(line) is { Success: true } email)
        {
            lock (this.gate)
            {
                this.stored.Add(email.Groups["key"].Value);
            }

            return null;
        }

        if (CoreLine().Match(line) is not { Success: true } match)
        {
            return null;
        }

        string id = match.Groups["id"].Value;
        string what = match.Groups["what"].Value;
        lock (this.gate)
        {
            if (what.StartsWith("Orchestration completed", StringComparison.Ordinal))
            {
                this.finished.Add(id);
                this.episodes.Remove(id);
                return id;
            }

            if (what.StartsWith("Executing ", StringComparison.Ordinal) || what.StartsWith("Orchestration '", StringComparison.Ordinal))
            {
                this.episodes[id] = at;
                return id;
            }

            if (Task().Match(what) is { Success: true } task)
            {
                string key = task.Groups["task"].Value;
                if (what.StartsWith("Starting task activity", StringComparison.Ordinal))
                {
                    if (!this.activities.TryGetValue(id, out HashSet<string>? running))
                    {
                        this.activities[id] = running = new HashSet<string>(StringComparer.Ordinal);
                    }

                    running.Add(key);
                }
                else if (what.StartsWith("Task activity", StringComparison.Ordinal) && this.activities.TryGetValue(id, out HashSet<string>? running))
                {
                    running.Remove(key);
                    if (running.Count == 0)
                    {
                        this.activities.Remove(id);
                    }
                }
            }
        }

        return null;
    }

    /// <summary>What this process may have held when it died at <paramref name="diedAt"/>: the activities it started and
    /// did not finish, and the instances whose last episode it ran (as <paramref name="ranLastBy"/> says) within
    /// <paramref name="session"/> before, which an extended session keeps locked, and that it did not see complete.</summary>
    public IReadOnlyList<HeldWork> InHand(DateTime diedAt, TimeSpan session, Func<string, bool> ranLastBy)
    {
        ArgumentNullException.ThrowIfNull(ranLastBy);
        lock (this.gate)
        {
            var sessions = this.episodes
                .Where(e => diedAt - e.Value <= session && !this.finished.Contains(e.Key) && ranLastBy(e.Key))
                .Select(e => e.Key)
                .ToHashSet(StringComparer.Ordinal);
            return [.. sessions.Union(this.activities.Keys).Order(StringComparer.Ordinal).Select(id => new HeldWork(
                id,
                sessions.Contains(id),
                this.activities.TryGetValue(id, out HashSet<string>? running) ? [.. running.Select(ScheduledId).Where(n => n >= 0).Order()] : []))];
        }
    }

    /// <summary>The idempotency keys of the emails this process's outbox stored, one entry per store.</summary>
    public IReadOnlyList<string> StoredEmails()
    {
        lock (this.gate)
        {
            return [.. this.stored];
        }
    }

    // "SyntheticStepActivity#3": the activity's TaskScheduled event id follows the '#'.
    private static int ScheduledId(string task) =>
        int.TryParse(task.AsSpan(task.LastIndexOf('#') + 1), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int id) ? id : -1;

    // Instance ids may hold ':' but not ": ", which ends the id in DurableTask.Core's messages.
    [GeneratedRegex(@"^\w+: DurableTask\.Core\[\d+\] (?<id>.+?): (?<what>.*)$", RegexOptions.CultureInvariant)]
    private static partial Regex CoreLine();

    [GeneratedRegex(@"\[(?<task>[^\]]+)\]", RegexOptions.CultureInvariant)]
    private static partial Regex Task();

    [GeneratedRegex(@"Email (?<key>\S+) stored in the development outbox", RegexOptions.CultureInvariant)]
    private static partial Regex OutboxStored();
}
