using System.Globalization;
using Microsoft.Data.Sqlite;
using Workflows.Durable.Client;
using Workflows.Durable.CrashHost;

namespace Workflows.Durable.CrashTests.Infrastructure;

/// <summary>Checks a finished crash workload: every instance Completed with exactly the crash-free output, every
/// history consistent and of its kind's shape, and the side-effect table consistent with the histories.</summary>
public static class WorkloadVerifier
{
    /// <summary>Verifies the workload; returns a summary of what it saw, or throws listing every problem.</summary>
    /// <param name="client">A client on the store.</param>
    /// <param name="effectsPath">The side-effect file of the activities.</param>
    /// <param name="count">How many top-level instances were seeded.</param>
    /// <param name="activitiesExactlyOnce">Whether every activity task must have run exactly once (no crash, no lock
    /// expiry); otherwise at least once.</param>
    public static async Task<string> VerifyAsync(DurableTaskClient client, string effectsPath, int count, bool activitiesExactlyOnce)
    {
        ArgumentNullException.ThrowIfNull(client);
        var problems = new List<string>();
        var instances = new Dictionary<string, OrchestrationMetadata>(StringComparer.Ordinal);
        await foreach (OrchestrationMetadata instance in client.GetAllInstancesAsync(new OrchestrationQuery(PageSize: 1000, FetchInputsAndOutputs: true)))
        {
            instances.Add(instance.InstanceId, instance);
        }

        var histories = new Dictionary<string, IList<HistoryEvent>>(StringComparer.Ordinal);
        var expectedIds = new HashSet<string>(StringComparer.Ordinal);
        for (int index = 0; index < count; index++)
        {
            string id = Workload.InstanceId(index);
            expectedIds.Add(id);
            OrchestrationMetadata? metadata = await client.GetInstanceAsync(id, getInputsAndOutputs: true);
            if (metadata is null)
            {
                problems.Add($"{id}: missing");
                continue;
            }

            WorkloadKind kind = Workload.KindOf(index);
            CheckCompleted(metadata, Workload.OrchestratorName(kind), Workload.ExpectedOutput(index), problems);
            IList<HistoryEvent> history = await client.GetOrchestrationHistoryAsync(id);
            histories[id] = history;
            HistoryChecks.CheckConsistency(id, history, metadata, problems);
            HistoryChecks.CheckShape(index, history, problems);

            if (kind == WorkloadKind.SubOrchestration &&
                history.FirstOrDefault(e => e.EventType == HistoryEventType.SubOrchestrationInstanceCreated)?.InstanceId is { } childId)
            {
                if (!expectedIds.Add(childId))
                {
                    problems.Add($"{id}: its child {childId} belongs to another instance too");
                }

                OrchestrationMetadata? child = await client.GetInstanceAsync(childId, getInputsAndOutputs: true);
                if (child is null)
                {
                    problems.Add($"{id}: its child {childId} is missing");
                    continue;
                }

                CheckCompleted(child, Workload.Echo, Workload.ExpectedChildOutput(index), problems);
                if (child.ParentInstanceId != id)
                {
                    problems.Add($"{childId}: parent is {child.ParentInstanceId}, expected {id}");
                }

                IList<HistoryEvent> childHistory = await client.GetOrchestrationHistoryAsync(childId);
                histories[childId] = childHistory;
                HistoryChecks.CheckConsistency(childId, childHistory, child, problems);
                HistoryChecks.CheckChildShape(childId, childHistory, problems);
            }
        }

        foreach (string extra in instances.Keys.Where(k => !expectedIds.Contains(k)))
        {
            problems.Add($"{extra}: an instance nobody asked for ({instances[extra].Name}, {instances[extra].RuntimeStatus})");
        }

        IReadOnlyList<SideEffectRow> effects = ReadSideEffects(effectsPath);
        string effectSummary = CheckSideEffects(histories, effects, activitiesExactlyOnce, problems);

        if (problems.Count > 0)
        {
            throw new Xunit.Sdk.XunitException(
                $"{problems.Count} problem(s) in the finished workload:\n" + string.Join('\n', problems.Take(40).Select(p => p.Length > 1500 ? p[..1500] + "..." : p)));
        }

        return string.Create(CultureInfo.InvariantCulture, $"{instances.Count} instances Completed with the expected outputs; {histories.Values.Sum(h => h.Count)} history events consistent; {effectSummary}");
    }

    /// <summary>Reads the side-effect table, one row per (instance, task).</summary>
    public static IReadOnlyList<SideEffectRow> ReadSideEffects(string effectsPath)
    {
        var rows = new List<SideEffectRow>();
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = effectsPath, Pooling = false }.ToString());
        connection.Open();
        using SqliteCommand command = connection.CreateCommand();
        command.CommandText =
            """
            SELECT InstanceId, TaskId, Name, COUNT(*), GROUP_CONCAT(DISTINCT ProcessId)
            FROM Executions GROUP BY InstanceId, TaskId, Name ORDER BY InstanceId, TaskId
            """;
        using SqliteDataReader r = command.ExecuteReader();
        while (r.Read())
        {
            long[] pids = r.GetString(4).Split(',').Select(p => long.Parse(p, CultureInfo.InvariantCulture)).ToArray();
            rows.Add(new SideEffectRow(r.GetString(0), r.GetInt32(1), r.GetString(2), r.GetInt32(3), pids));
        }

        return rows;
    }

    private static void CheckCompleted(OrchestrationMetadata metadata, string name, string expectedOutput, List<string> problems)
    {
        if (metadata.RuntimeStatus != OrchestrationRuntimeStatus.Completed)
        {
            problems.Add($"{metadata.InstanceId}: {metadata.RuntimeStatus}, expected Completed; {metadata.FailureDetails}");
            return;
        }

        if (!string.Equals(metadata.Name, name, StringComparison.OrdinalIgnoreCase))
        {
            problems.Add($"{metadata.InstanceId}: orchestrator {metadata.Name}, expected {name}");
        }

        string? output = metadata.ReadOutputAs<string>();
        if (output != expectedOutput)
        {
            problems.Add($"{metadata.InstanceId}: output '{output}', expected '{expectedOutput}'");
        }
    }

    private static string CheckSideEffects(
        Dictionary<string, IList<HistoryEvent>> histories,
        IReadOnlyList<SideEffectRow> effects,
        bool exactlyOnce,
        List<string> problems)
    {
        // Every activity task in the histories, by (instance, task id).
        var tasks = new Dictionary<(string InstanceId, int TaskId), string>();
        foreach ((string id, IList<HistoryEvent> history) in histories)
        {
            foreach (HistoryEvent e in history.Where(e => e.EventType == HistoryEventType.TaskScheduled))
            {
                tasks[(id, e.EventId)] = e.Name!;
            }
        }

        var seen = new HashSet<(string, int)>();
        foreach (SideEffectRow row in effects)
        {
            if (!tasks.TryGetValue((row.InstanceId, row.TaskId), out string? name))
            {
                problems.Add($"{row.InstanceId}: activity {row.Name} #{row.TaskId} ran {row.Executions} time(s) but is not in the history");
                continue;
            }

            if (!string.Equals(name, row.Name, StringComparison.OrdinalIgnoreCase))
            {
                problems.Add($"{row.InstanceId}: task #{row.TaskId} is {name} in the history, but {row.Name} ran");
            }

            seen.Add((row.InstanceId, row.TaskId));
            if (exactlyOnce && row.Executions != 1)
            {
                problems.Add($"{row.InstanceId}: activity {row.Name} #{row.TaskId} ran {row.Executions} times (processes {string.Join(",", row.ProcessIds)}), expected exactly once");
            }
        }

        foreach ((string id, int taskId) in tasks.Keys.Where(k => !seen.Contains(k)))
        {
            problems.Add($"{id}: activity {tasks[(id, taskId)]} #{taskId} completed in the history but never ran");
        }

        int executions = effects.Sum(r => r.Executions);
        SideEffectRow[] repeated = effects.Where(r => r.Executions > 1).ToArray();
        var byProcess = effects.SelectMany(r => r.ProcessIds).GroupBy(p => p).ToDictionary(g => g.Key, g => g.Count());
        return string.Create(
            CultureInfo.InvariantCulture,
            $"{tasks.Count} activity tasks ran {executions} times in all ({repeated.Length} more than once, at most {(repeated.Length == 0 ? 1 : repeated.Max(r => r.Executions))} times), " +
            $"tasks run per process: {string.Join(", ", byProcess.OrderBy(p => p.Key).Select(p => $"{p.Key}={p.Value}"))}");
    }
}
