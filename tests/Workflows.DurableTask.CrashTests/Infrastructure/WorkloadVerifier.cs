using System.Globalization;
using DurableTask.Core.History;
using Microsoft.DurableTask.Client;
using Workflows.DurableTask.CrashHost;
using Workflows.DurableTask.CrashHost.Activities;
using Workflows.DurableTask.CrashHost.Orchestrations;

namespace Workflows.DurableTask.CrashTests.Infrastructure;

/// <summary>Checks a finished crash workload: every instance Completed with exactly its crash-free output, every
/// history consistent and of its kind's shape, and the side-effect file consistent with the histories.</summary>
public static class WorkloadVerifier
{
    /// <summary>Verifies the workload; returns a summary of what it saw, or throws listing every problem.</summary>
    /// <param name="client">A client on the store.</param>
    /// <param name="effectsPath">The activities' side-effect file.</param>
    /// <param name="count">How many top-level instances were scheduled.</param>
    /// <param name="rules">What the provider and the test allow.</param>
    public static async Task<string> VerifyAsync(DurableTaskClient client, string effectsPath, int count, VerificationRules rules)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(rules);
        var problems = new List<string>();
        var redeliveries = new Redeliveries(rules.AllowRedeliveredResponses);
        var all = new Dictionary<string, OrchestrationMetadata>(StringComparer.Ordinal);
        await foreach (OrchestrationMetadata instance in client.GetAllInstancesAsync(new OrchestrationQuery { PageSize = 1000 }))
        {
            all.Add(instance.InstanceId, instance);
        }

        // Every activity task the store says was scheduled, by (instance, activity, key), with how often.
        var scheduled = new Dictionary<(string InstanceId, string Name, string Key), int>();
        var expectedIds = new HashSet<string>(StringComparer.Ordinal);
        int events = 0;
        for (int index = 0; index < count; index++)
        {
            string id = Workload.InstanceId(index);
            expectedIds.Add(id);
            IList<HistoryEvent>? history = await CheckInstanceAsync(client, id, Workload.OrchestratorName(Workload.KindOf(index)), Workload.ExpectedOutput(index), redeliveries, problems);
            if (history is null)
            {
                continue;
            }

            events += history.Count;
            HistoryChecks.CheckShape(index, history, redeliveries.In(id), rules.TimerGranularity, problems);

            // The calls are known from the workload (DurableTask.Core does not keep activity inputs in the history,
            // and keeps only the last execution of a continued-as-new instance); the shape check above counted them
            // in the history. A retried call was scheduled once per attempt.
            int attempts = Workload.KindOf(index) == WorkloadKind.Retry ? history.Count(e => e.EventType == EventType.TaskScheduled) : 1;
            foreach ((string name, string key) in Workload.ExpectedActivities(index))
            {
                scheduled[(id, name, key)] = attempts;
            }

            if (Workload.KindOf(index) == WorkloadKind.SubOrchestration && history.OfType<SubOrchestrationInstanceCreatedEvent>().FirstOrDefault()?.InstanceId is { } childId)
            {
                if (!expectedIds.Add(childId))
                {
                    problems.Add($"{id}: its child {childId} belongs to another instance too");
                }

                IList<HistoryEvent>? childHistory = await CheckInstanceAsync(client, childId, nameof(EchoOrchestrator), Workload.ExpectedChildOutput(index), redeliveries, problems);
                if (childHistory is not null)
                {
                    events += childHistory.Count;
                    HistoryChecks.CheckChildShape(index, childId, childHistory, problems);
                    scheduled[(childId, nameof(UpperActivity), Workload.ChildInput(index))] = 1;
                    string? parent = childHistory.OfType<ExecutionStartedEvent>().FirstOrDefault()?.ParentInstance?.OrchestrationInstance?.InstanceId;
                    if (parent != id)
                    {
                        problems.Add($"{childId}: parent is {parent}, expected {id}");
                    }
                }
            }
        }

        foreach (string extra in all.Keys.Where(k => !expectedIds.Contains(k)))
        {
            problems.Add($"{extra}: an instance nobody asked for ({all[extra].Name}, {all[extra].RuntimeStatus})");
        }

        string effects = CheckSideEffects(scheduled, SideEffectTable.ReadTasks(effectsPath), rules.ExactlyOnce, problems);
        if (problems.Count > 0)
        {
            throw new Xunit.Sdk.XunitException(
                $"{problems.Count} problem(s) in the finished workload:\n" + string.Join('\n', problems.Take(40).Select(p => p.Length > 1500 ? p[..1500] + "..." : p)));
        }

        return string.Create(CultureInfo.InvariantCulture, $"{expectedIds.Count} instances Completed with their crash-free outputs; {events} history events consistent; {redeliveries}; {effects}");
    }

    private static async Task<IList<HistoryEvent>?> CheckInstanceAsync(DurableTaskClient client, string id, string name, string expectedOutput, Redeliveries redeliveries, List<string> problems)
    {
        OrchestrationMetadata? metadata = await client.GetInstanceAsync(id, getInputsAndOutputs: true);
        if (metadata is null)
        {
            problems.Add($"{id}: missing");
            return null;
        }

        if (metadata.RuntimeStatus != OrchestrationRuntimeStatus.Completed)
        {
            problems.Add($"{id}: {metadata.RuntimeStatus}, expected Completed; {metadata.FailureDetails}");
            return null;
        }

        if (!string.Equals(metadata.Name, name, StringComparison.OrdinalIgnoreCase))
        {
            problems.Add($"{id}: orchestrator {metadata.Name}, expected {name}");
        }

        string? output = metadata.ReadOutputAs<string>();
        if (output != expectedOutput)
        {
            problems.Add($"{id}: output '{output}', expected '{expectedOutput}'");
        }

        IList<HistoryEvent> recorded = await client.GetOrchestrationHistoryAsync(id);
        IList<HistoryEvent> history = HistoryChecks.WithoutRedeliveredResponses(id, recorded, problems, out int redelivered);
        redeliveries.Add(id, redelivered, recorded, problems);
        HistoryChecks.CheckConsistency(id, history, metadata.SerializedOutput, problems);
        return history;
    }

    private static string CheckSideEffects(
        Dictionary<(string InstanceId, string Name, string Key), int> scheduled,
        IReadOnlyList<SideEffectRow> effects,
        bool exactlyOnce,
        List<string> problems)
    {
        var seen = new HashSet<(string, string, string)>();
        foreach (SideEffectRow row in effects)
        {
            var key = (row.InstanceId, row.Name, row.Key);
            if (!scheduled.TryGetValue(key, out int times))
            {
                problems.Add($"{row.InstanceId}: {row.Name}({row.Key}) ran {row.Executions} time(s) but was never scheduled");
                continue;
            }

            seen.Add(key);
            if (row.Executions < times || (exactlyOnce && row.Executions != times))
            {
                problems.Add($"{row.InstanceId}: {row.Name}({row.Key}) was scheduled {times} time(s) and ran {row.Executions} time(s) (processes {string.Join(",", row.ProcessIds)}), expected {(exactlyOnce ? "exactly" : "at least")} {times}");
            }
        }

        foreach (var task in scheduled.Keys.Where(k => !seen.Contains(k)))
        {
            problems.Add($"{task.InstanceId}: {task.Name}({task.Key}) was called but never ran");
        }

        int executions = effects.Sum(r => r.Executions);
        int repeated = effects.Count(r => r.Executions > scheduled.GetValueOrDefault((r.InstanceId, r.Name, r.Key), 1));
        var byProcess = effects.SelectMany(r => r.ProcessIds).GroupBy(p => p).OrderBy(g => g.Key).Select(g => $"{g.Key}={g.Count()}");
        return string.Create(
            CultureInfo.InvariantCulture,
            $"{scheduled.Values.Sum()} activity calls ran {executions} times in all ({repeated} tasks ran again after a crash); tasks run per process: {string.Join(", ", byProcess)}");
    }
}
