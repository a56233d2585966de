using System.Collections.Concurrent;
using System.Text.Json;
using DurableTask.Core.History;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging.Abstractions;
using Workflows.Governance.Documents;
using Workflows.Governance.Email;
using Workflows.Governance.Proposals;
using Workflows.Soak.Hosts;
using Workflows.Soak.Workload;

namespace Workflows.Soak.Verification;

/// <summary>The checks at the end of a run: every instance Completed with the output a crash-free run gives, nothing
/// else in the store, every history gap-free, every email sent once and none missing, every decision record written
/// once, and how long the instances the killed processes held took to move again.</summary>
public static class SoakVerifier
{
    private const int ParallelReads = 8;
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Fills <paramref name="report"/> with what the store, the outbox, the documents and the hosts' logs show.</summary>
    public static async Task VerifyAsync(
        SoakReport report,
        IReadOnlyList<ExpectedInstance> expected,
        IReadOnlyList<ProposalScript> proposals,
        StoreClient store,
        OutboxReader outbox,
        HostCluster cluster,
        string dataDirectory,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(expected);
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(cluster);
        Dictionary<string, OrchestrationMetadata> all = await store.AllAsync(cancellationToken);
        var histories = new ConcurrentDictionary<string, IList<HistoryEvent>>(StringComparer.Ordinal);
        var problems = new ConcurrentQueue<string>();
        int redelivered = 0;
        report.Instances = expected.Count;
        await Parallel.ForEachAsync(expected, new ParallelOptions { MaxDegreeOfParallelism = ParallelReads, CancellationToken = cancellationToken }, async (instance, token) =>
        {
            if (!all.TryGetValue(instance.InstanceId, out OrchestrationMetadata? metadata))
            {
                problems.Enqueue($"lost: {instance.InstanceId} ({instance.Orchestrator}) is not in the store");
                return;
            }

            IList<HistoryEvent> history = await store.Client.GetOrchestrationHistoryAsync(instance.InstanceId, token);
            histories[instance.InstanceId] = history;
            if (metadata.RuntimeStatus != OrchestrationRuntimeStatus.Completed)
            {
                problems.Enqueue($"lost: {instance.InstanceId} ({instance.Orchestrator}) is {metadata.RuntimeStatus}{(metadata.FailureDetails is { } failure ? $" ({failure.ErrorType}: {failure.ErrorMessage})" : string.Empty)}; custom status {metadata.SerializedCustomStatus}; last events {HistoryAudit.DescribeTimed(history.TakeLast(12), DateTime.UtcNow)}");
                problems.Enqueue($"lost-log: {instance.InstanceId}: {HostLogExcerpt.For(Path.Combine(Path.GetDirectoryName(dataDirectory)!, "logs"), instance.InstanceId)}");
                return;
            }

            string output = OutputSummary.Of(instance.Orchestrator, metadata.SerializedOutput);
            if (!string.Equals(metadata.Name, instance.Orchestrator, StringComparison.Ordinal) || output != instance.Output)
            {
                problems.Enqueue($"wrong: {instance.InstanceId} ({metadata.Name}) ended with '{output}', expected '{instance.Output}' of {instance.Orchestrator}");
            }

            var found = new List<string>();
            Interlocked.Add(ref redelivered, HistoryAudit.Check(instance.InstanceId, history, metadata.SerializedOutput, found));
            foreach (string problem in found)
            {
                problems.Enqueue("history: " + problem);
            }
        });

        List<string> sorted = [.. problems.Order(StringComparer.Ordinal)];
        report.Lost = sorted.Count(p => p.StartsWith("lost:", StringComparison.Ordinal));
        report.WrongOutputs = sorted.Count(p => p.StartsWith("wrong:", StringComparison.Ordinal));
        report.HistoryProblems = sorted.Count(p => p.StartsWith("history:", StringComparison.Ordinal));
        report.Histories = histories.Count;
        report.RedeliveredResponses = redelivered;
        var expectedIds = expected.Select(e => e.InstanceId).ToHashSet(StringComparer.Ordinal);
        List<string> unexpected = [.. all.Keys.Where(id => !expectedIds.Contains(id)).Order(StringComparer.Ordinal)];
        report.UnexpectedInstances = unexpected.Count;
        sorted.AddRange(unexpected.Take(5).Select(id => $"unexpected: {id} ({all[id].Name}, {all[id].RuntimeStatus}) is in the store"));

        sorted.AddRange(await CheckEmailsAsync(report, proposals, outbox, cluster, cancellationToken));
        sorted.AddRange(await CheckRecordsAsync(report, proposals, histories, dataDirectory, cancellationToken));
        foreach (string problem in sorted)
        {
            report.Find(problem);
        }

        List<double> recovery = [.. RecoveryMeter.Measure(cluster.Kills, histories).Order()];
        report.AffectedInstances = recovery.Count;
        if (recovery.Count > 0)
        {
            report.RecoverySecondsP50 = Math.Round(Percentile(recovery, 50), 2);
            report.RecoverySecondsP99 = Math.Round(Percentile(recovery, 99), 2);
            report.RecoverySecondsMax = Math.Round(recovery[^1], 2);
        }
    }

    /// <summary>The nearest-rank percentile of sorted samples.</summary>
    public static double Percentile(IReadOnlyList<double> sorted, double percent)
    {
        ArgumentNullException.ThrowIfNull(sorted);
        int rank = (int)Math.Ceiling(percent / 100 * sorted.Count);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Count - 1)];
    }

    private static async Task<List<string>> CheckEmailsAsync(SoakReport report, IReadOnlyList<ProposalScript> proposals, OutboxReader outbox, HostCluster cluster, CancellationToken cancellationToken)
    {
        await outbox.ReadNewAsync(cancellationToken);
        IReadOnlyDictionary<string, IReadOnlyList<OutboxMessage>> messages = outbox.Messages;
        var problems = new List<string>();
        var slots = proposals.SelectMany(p => p.EmailSlots()).ToHashSet(StringComparer.Ordinal);
        report.Emails = messages.Values.Sum(m => m.Count);
        foreach (string slot in slots.Order(StringComparer.Ordinal))
        {
            int count = messages.TryGetValue(slot, out IReadOnlyList<OutboxMessage>? sent) ? sent.Count : 0;
            if (count == 0)
            {
                report.MissingEmails++;
                problems.Add($"email: none for {slot}");
            }
            else if (count > 1)
            {
                report.DuplicateEmails += count - 1;
                problems.Add($"email: {count} for {slot}: keys {string.Join(", ", sent!.Select(m => m.IdempotencyKey))}");
            }
        }

        foreach ((string slot, IReadOnlyList<OutboxMessage> sent) in messages.Where(m => !slots.Contains(m.Key)).OrderBy(m => m.Key, StringComparer.Ordinal))
        {
            report.UnexpectedEmails += sent.Count;
            problems.Add($"email: {sent.Count} for {slot}, which a crash-free run does not send");
        }

        // The outbox keeps one file per key, so a key sent twice shows in the hosts' logs: each store logs a line.
        foreach (IGrouping<string, string> key in cluster.Processes.SelectMany(p => p.Work.StoredEmails()).GroupBy(k => k, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            report.DuplicateEmails += key.Count() - 1;
            problems.Add($"email: {key.Key} was stored {key.Count()} times");
        }

        return problems;
    }

    private static async Task<List<string>> CheckRecordsAsync(SoakReport report, IReadOnlyList<ProposalScript> proposals, ConcurrentDictionary<string, IList<HistoryEvent>> histories, string dataDirectory, CancellationToken cancellationToken)
    {
        var documents = new LocalFolderDocumentStore(Path.Combine(dataDirectory, DocumentsServiceCollectionExtensions.LocalFolderName), NullLogger<LocalFolderDocumentStore>.Instance);
        var problems = new List<string>();
        foreach (ProposalScript plan in proposals)
        {
            IReadOnlyList<DocumentInfo> files = await documents.ListAsync($"proposals/{plan.Id}/", cancellationToken);
            string[] expectedFiles = [DecisionRecord.HtmlPath(plan.Id), DecisionRecord.JsonPath(plan.Id)];
            string[] present = [.. files.Select(f => f.Path).Order(StringComparer.Ordinal)];
            string? problem = null;
            if (!present.SequenceEqual(expectedFiles, StringComparer.Ordinal))
            {
                problem = $"its documents are [{string.Join(", ", present)}], expected the JSON and HTML record";
            }
            else
            {
                report.DecisionRecords++;
                await using StoredDocument? stored = await documents.OpenAsync(DecisionRecord.JsonPath(plan.Id), cancellationToken);
                DecisionRecord? record = stored is null ? null : JsonSerializer.Deserialize<DecisionRecord>(await stored.ReadAllBytesAsync(cancellationToken), Json);
                if (record?.Status.Outcome != plan.Outcome)
                {
                    problem = $"its record says {record?.Status.Outcome}, expected {plan.Outcome}";
                }
            }

            int calls = histories.TryGetValue(plan.Id, out IList<HistoryEvent>? history)
                ? history.OfType<TaskScheduledEvent>().Count(e => e.Name == nameof(WriteDecisionRecordActivity))
                : 0;
            if (problem is null && calls != 1)
            {
                problem = $"its history calls {nameof(WriteDecisionRecordActivity)} {calls} times";
            }

            if (problem is not null)
            {
                report.DecisionRecordProblems++;
                problems.Add($"record: {plan.Id}: {problem}");
            }
        }

        return problems;
    }
}
