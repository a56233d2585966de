using System.Diagnostics;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Workflows.Durable.Client;
using Workflows.Durable.Storage;
using Workflows.Durable.Storage.Sqlite;

namespace Workflows.Benchmarks.Scenarios;

/// <summary>The store queries behind the dashboard's pages on a store of many instances (100,000 in the full run): a page
/// of the list in each order and under each filter, a page deep into the list, the counts by status, one instance. The
/// store is seeded with plain SQL inserts in one transaction (the instances' shape, not their history, matters here) on a
/// file of its own, so the engine scenarios are not affected; each query's median over several runs is reported.</summary>
internal static class DashboardQueriesScenario
{
    private const int PageSize = 50;
    private const int Runs = 15;

    private static readonly string[] Names = ["ProposalOrchestrator", "GoverningBodyApprovalOrchestrator", "NightlyReport", "Import"];

    /// <summary>Seeds <c>workflows.db</c> in <paramref name="dataDirectory"/> (where the governance app looks for its
    /// store) and measures the queries on it.</summary>
    public static async Task RunAsync(string dataDirectory, int instances, BenchmarkReport report, CancellationToken cancellationToken)
    {
        string path = Path.Combine(Directory.CreateDirectory(dataDirectory).FullName, "workflows.db");
        string connectionString = new SqliteConnectionStringBuilder { DataSource = path, Pooling = true }.ToString();
        using var store = new SqliteOrchestrationStore(new SqliteStoreOptions { ConnectionString = connectionString });
        await store.InitializeAsync(cancellationToken);
        var seed = Stopwatch.StartNew();
        Seed(connectionString, instances);
        Progress.Info($"dashboard: seeded {instances} instances in {seed.Elapsed.TotalSeconds:F2}s");

        var list = new InstanceQuery { PageSize = PageSize };
        (string Figure, Func<Task<int>> Query)[] queries =
        [
            ("dashboardListPageMs", () => PageAsync(store, list, cancellationToken)),
            ("dashboardListByUpdatedMs", () => PageAsync(store, list with { OrderBy = InstanceOrderBy.LastUpdatedTime }, cancellationToken)),
            ("dashboardListByNameMs", () => PageAsync(store, list with { OrderBy = InstanceOrderBy.Name, Ascending = true }, cancellationToken)),
            ("dashboardListByIdMs", () => PageAsync(store, list with { OrderBy = InstanceOrderBy.InstanceId, Ascending = true }, cancellationToken)),
            ("dashboardListRareStatusMs", () => PageAsync(store, list with { Statuses = [OrchestrationRuntimeStatus.Suspended] }, cancellationToken)),
            ("dashboardListTwoStatusesByUpdatedMs", () => PageAsync(store, list with { Statuses = [OrchestrationRuntimeStatus.Failed, OrchestrationRuntimeStatus.Terminated], OrderBy = InstanceOrderBy.LastUpdatedTime }, cancellationToken)),
            ("dashboardListByNameFilterMs", () => PageAsync(store, list with { Name = "NightlyReport" }, cancellationToken)),
            ("dashboardListPrefixMs", () => PageAsync(store, list with { InstanceIdPrefix = "inst-0042" }, cancellationToken)),
            ("dashboardListCreatedRangeMs", () => PageAsync(store, list with { CreatedFrom = Created(instances / 2), CreatedTo = Created(instances / 2 + 5000) }, cancellationToken)),
            ("dashboardListCustomStatusMs", () => PageAsync(store, list with { CustomStatusContains = "awaiting congress", IncludePayloads = true }, cancellationToken)),
            ("dashboardListPage20Ms", () => DeepPageAsync(store, list, 20, cancellationToken)),
            ("dashboardCountsMs", () => CountAsync(store, new InstanceQuery(), cancellationToken)),
            ("dashboardCountsByNameMs", () => CountAsync(store, new InstanceQuery { Name = "NightlyReport" }, cancellationToken)),
            ("dashboardCountsCustomStatusMs", () => CountAsync(store, new InstanceQuery { CustomStatusContains = "awaiting congress" }, cancellationToken)),
            ("dashboardGetInstanceMs", async () => (await store.GetInstanceAsync(Id(instances / 3), includePayloads: true, cancellationToken)) is null ? 0 : 1),
        ];

        foreach ((string figure, Func<Task<int>> query) in queries)
        {
            (double median, double max, int rows) = await MeasureAsync(query);
            report.Add(figure, median, 3);
            Progress.Info($"dashboard: {figure} median {median:F2} ms, max {max:F2} ms ({rows} rows)");
        }

        report.Add("dashboardInstances", instances);
        SqliteConnection.ClearPool(new SqliteConnection(connectionString));
    }

    private static async Task<(double Median, double Max, int Rows)> MeasureAsync(Func<Task<int>> query)
    {
        int rows = await query();
        var times = new List<double>(Runs);
        for (int i = 0; i < Runs; i++)
        {
            long start = Stopwatch.GetTimestamp();
            rows = await query();
            times.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
        }

        times.Sort();
        return (Percentiles.Of(times, 50), times[^1], rows);
    }

    private static async Task<int> PageAsync(SqliteOrchestrationStore store, InstanceQuery query, CancellationToken cancellationToken) =>
        (await store.QueryInstancesAsync(query, cancellationToken)).Instances.Count;

    /// <summary>Reads page <paramref name="pages"/> the way an operator clicking "Next page" does: every page before it, by its token.</summary>
    private static async Task<int> DeepPageAsync(SqliteOrchestrationStore store, InstanceQuery query, int pages, CancellationToken cancellationToken)
    {
        string? token = null;
        int rows = 0;
        for (int i = 0; i < pages; i++)
        {
            InstancePage page = await store.QueryInstancesAsync(query with { ContinuationToken = token }, cancellationToken);
            token = page.ContinuationToken;
            rows = page.Instances.Count;
        }

        return rows;
    }

    private static async Task<int> CountAsync(SqliteOrchestrationStore store, InstanceQuery query, CancellationToken cancellationToken) =>
        (int)(await store.CountInstancesAsync(query, cancellationToken)).Values.Sum();

    private static string Id(int i) => "inst-" + i.ToString("D7", CultureInfo.InvariantCulture);

    private static DateTimeOffset Created(int i) => new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero).AddSeconds(i * 30);

    /// <summary>Instances as a governance service accumulates them: mostly finished, some running, a few failed,
    /// terminated, pending or suspended; a custom status on most, a long one on some.</summary>
    private static void Seed(string connectionString, int instances)
    {
        using var connection = new SqliteConnection(connectionString);
        connection.Open();
        using SqliteTransaction tx = connection.BeginTransaction();
        using SqliteCommand insert = connection.CreateCommand();
        insert.Transaction = tx;
        insert.CommandText = """
            INSERT INTO Instances (InstanceId, ExecutionId, Name, RuntimeStatus, CreatedAt, LastUpdatedAt, CompletedAt, Input, Output, CustomStatus, HistoryLength)
            VALUES ($id, $execution, $name, $status, $created, $updated, $completed, $input, $output, $custom, $history)
            """;
        string[] parameterNames = ["$id", "$execution", "$name", "$status", "$created", "$updated", "$completed", "$input", "$output", "$custom", "$history"];
        SqliteParameter[] p = [.. parameterNames.Select(n => insert.Parameters.Add(n, SqliteType.Text))];
        var random = new Random(42);
        for (int i = 0; i < instances; i++)
        {
            int roll = random.Next(100);
            OrchestrationRuntimeStatus status = roll switch
            {
                < 70 => OrchestrationRuntimeStatus.Completed,
                < 85 => OrchestrationRuntimeStatus.Running,
                < 90 => OrchestrationRuntimeStatus.Failed,
                < 95 => OrchestrationRuntimeStatus.Terminated,
                < 98 => OrchestrationRuntimeStatus.Pending,
                _ => OrchestrationRuntimeStatus.Suspended,
            };
            DateTimeOffset created = Created(i);
            DateTimeOffset updated = created.AddMinutes(random.Next(1, 60 * 24 * 14));
            bool finished = status is OrchestrationRuntimeStatus.Completed or OrchestrationRuntimeStatus.Failed or OrchestrationRuntimeStatus.Terminated;
            string stage = (i % 7) switch
            {
                0 => "awaiting congress",
                1 => "awaiting committee sign-off",
                _ => "with the governing bodies",
            };
            p[0].Value = Id(i);
            p[1].Value = Guid.NewGuid().ToString("N");
            p[2].Value = Names[i % Names.Length];
            p[3].Value = (int)status;
            p[4].Value = created.UtcTicks;
            p[5].Value = updated.UtcTicks;
            p[6].Value = finished ? updated.UtcTicks : DBNull.Value;
            p[7].Value = $"{{\"id\":\"{Id(i)}\",\"title\":\"Proposal {i}\",\"category\":\"service-change\"}}";
            p[8].Value = finished ? "\"Approved\"" : DBNull.Value;
            p[9].Value = i % 10 == 9 ? DBNull.Value : $"{{\"stage\":\"{stage}\",\"bodies\":[{string.Join(',', Enumerable.Range(0, i % 13).Select(b => $"{{\"id\":\"body-{b}\",\"state\":\"Pending\"}}"))}]}}";
            p[10].Value = 12 + (i % 40);
            insert.ExecuteNonQuery();
        }

        tx.Commit();
        using SqliteCommand analyze = connection.CreateCommand();
        analyze.CommandText = "ANALYZE";
        analyze.ExecuteNonQuery();
    }
}
