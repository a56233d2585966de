using DurableTask.Core.History;

namespace Workflows.DurableTask.CrashTests.Infrastructure;

/// <summary>The responses a workload's histories recorded twice, and whether that is allowed.</summary>
public sealed class Redeliveries(bool allowed)
{
    private readonly Dictionary<string, int> byInstance = new(StringComparer.Ordinal);

    /// <summary>Notes <paramref name="count"/> responses recorded twice in <paramref name="id"/>'s history; a problem
    /// when they are not allowed.</summary>
    public void Add(string id, int count, IList<HistoryEvent> history, List<string> problems)
    {
        ArgumentNullException.ThrowIfNull(problems);
        if (count == 0)
        {
            return;
        }

        this.byInstance[id] = count;
        if (!allowed)
        {
            problems.Add($"{id}: {count} task(s) completed twice | {HistoryChecks.Describe(history)}");
        }
    }

    /// <summary>Whether <paramref name="id"/>'s history had a response recorded twice.</summary>
    public bool In(string id) => this.byInstance.ContainsKey(id);

    /// <inheritdoc/>
    public override string ToString() => this.byInstance.Count == 0
        ? "no task completed twice"
        : $"{this.byInstance.Values.Sum()} responses recorded twice, with the same result, in {this.byInstance.Count} instances (a killed worker's activity ran again)";
}
