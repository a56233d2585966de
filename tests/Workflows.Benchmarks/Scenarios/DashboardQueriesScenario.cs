using System.Diagnostics;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Workflows.DurableTask.Client;
using Workflows.DurableTask.Queries;
using Workflows.DurableTask.Sqlite;

namespace Workflows.Benchmarks.Scenarios;

/// <summary>The queries behind the dashboard's pages, through the SQLite provider's <see cref="IInstanceQueryPort"/>, on
/// a store of many instances (100,000 in the full run): a page of the list in each order and under each filter, a page
/// deep into the list, the counts by status, one instance, and the SDK's own query for comparison. The store is seeded
/// with plain SQL inserts in one transaction (the instances' shape, not their history, matters here) on a file of its
/// own, so the provider scenarios are not affected; each query's median over several runs is reported.</summary>
internal static class DashboardQueriesScenario
{
    private const int PageSize = 50;
    private const int Runs = 15;

    private static readonly string[] Names = ["ProposalOrchestrator", "GoverningBodyApprovalOrchestrator", "NightlyReport", "Import"];

    public static async Task RunAsync(string folder, int instances, FigureSet figures, CancellationToken cancellationToken)
    {
        string path = Path.Combine(Directory.CreateDirectory(folder).FullName, "dashboard.db");
        using var service = new SqliteOrchestrationService(new SqliteOrchestrationServiceSettings { ConnectionString = $"Data Source={path}" });
        await service.CreateIfNotExistsAsync();
        var seed = Stopwatch.StartNew();
        Seed($"Data Source={path}", instances);
        Progress.Info($"dashboard: seeded {instances} instances in {seed.Elapsed.TotalSeconds:F2}s");

        IInstanceQueryPort port = service;
        await using var client = new OrchestrationServiceDurableTaskClient("dashboard", service);
        var list = new InstanceQuery { PageSize = PageSize };
        (string Figure, Func<Task<int>> Query)[] queries =
        [
            ("dashboardListPageMs", () => PageAsync(port, list, cancellationToken)),
            ("dashboardListByUpdatedMs", () => PageAsync(port, list with { OrderBy = InstanceOrderBy.LastUpdatedTime }, cancellationToken)),
            ("dashboardListByNameMs", () => PageAsync(port, list with { OrderBy = InstanceOrderBy.Name, Ascending = true }, cancellationToken)),
            ("dashboardListByIdMs", () => PageAsync(port, list with { OrderBy = InstanceOrderBy.InstanceId, Ascending = true }, cancellationToken)),
            ("dashboardListRareStatusMs", () => PageAsync(port, list with { Statuses = [OrchestrationRuntimeStatus.Suspended] }, cancellationToken)),
            ("dashboardListTwoStatusesByUpdatedMs", () => PageAsync(port, list with { Statuses = [OrchestrationRuntimeStatus.Failed, OrchestrationRuntimeStatus.Terminated], OrderBy = InstanceOrderBy.LastUpdatedTime }, cancellationToken)),
            ("dashboardListByNameFilterMs", () => PageAsync(port, list with { Name = "NightlyReport" }, cancellationToken)),
            ("dashboardListPrefixMs", () => PageAsync(port, list with { InstanceIdPrefix = "inst-0042" }, cancellationToken)),
            ("dashboardListCreatedRangeMs", () => PageAsync(port, list with { CreatedFrom = Created(instances / 2), CreatedTo = Created((instances / 2) + 5000) }, cancellationToken)),
            ("dashboardListCustomStatusMs", () => PageAsync(port, list with { CustomStatusContains = "awaiting congress", FetchInputsAndOutputs = true }, cancellationToken)),
            ("dashboardListPage20Ms", () => DeepPageAsync(port, list, 20, cancellationToken)),
            ("dashboardCountsMs", () => CountAsync(port, new InstanceQuery(), cancellationToken)),
            ("dashboardCountsByNameMs", () => CountAsync(port, new InstanceQuery { Name = "NightlyReport" }, cancellationToken)),
            ("dashboardCountsCustomStatusMs", () => CountAsync(port, new InstanceQuery { CustomStatusContains = "awaiting congress" }, cancellationToken)),
            ("dashboardGetInstanceMs", async () => (await client.GetInstanceAsync(Id(instances / 3), getInputsAndOutputs: true, cancellationToken)) is null ? 0 : 1),
            ("dashboardSdkQueryPageMs", () => SdkPageAsync(client, cancellationToken)),
        ];

        foreach ((string figure, Func<Task<int>> query) in queries)
        {
            (double median, double max, int rows) = await MeasureAsync(query);
            figures.Add(figure, median, 3);
            Progress.Info($"dashboard: {figure} median {median:F2} ms, max {max:F2} ms ({rows} rows)");
        }

        figures.Add("dashboardInstances", instances);
        SqliteConnection.ClearAllPools();
    }

    /// <summary>A query's median and maximum time over several runs after one unmeasured run, and the rows it returned.</summary>
    internal static async Task<(double Median, double Max, int Rows)> MeasureAsync(Func<Task<int>> query)
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

    internal static async Task<int> PageAsync(IInstanceQueryPort port, InstanceQuery query, CancellationToken cancellationToken) =>
        (await port.QueryInstancesAsync(query, cancellationToken)).Instances.Count;

    private static async Task<int> DeepPageAsync(IInstanceQueryPort port, InstanceQuery query, int pages, CancellationToken cancellationToken)
    {
        string? token = null;
        int rows = 0;
        for (int i = 0; i < pages; i++)
        {
            InstanceQueryPage page = await port.QueryInstancesAsync(query with { ContinuationToken = token }, cancellationToken);
            token = page.ContinuationToken;
            rows = page.Instances.Count;
        }

        return rows;
    }

    internal static async Task<int> CountAsync(IInstanceQueryPort port, InstanceQuery query, CancellationToken cancellationToken) =>
        (int)(await port.CountInstancesAsync(query, cancellationToken)).Values.Sum();

    /// <summary>The first page of the SDK's <see cref="DurableTaskClient.GetAllInstancesAsync"/>, which the management
    /// API's list uses.</summary>
    private static async Task<int> SdkPageAsync(DurableTaskClient client, CancellationToken cancellationToken)
    {
        await foreach (Page<OrchestrationMetadata> page in client.GetAllInstancesAsync(new OrchestrationQuery { PageSize = PageSize }).AsPages().WithCancellation(cancellationToken))
        {
            return page.Values.Count;
        }

        return 0;
    }

    private static string Id(int i) => "inst-" + i.ToString("D7", CultureInfo.InvariantCulture);

    private static DateTimeOffset Created(int i) => new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero).AddSeconds(i * 30);

    /// <summary>Instances as a governance service accumulates them: mostly finished, some running, a few failed,
    /// terminated, pending or suspended; a custom status on most, a long one on some. Statuses are DurableTask.Core's
    /// values, which the SDK's <see cref="OrchestrationRuntimeStatus"/> shares.</summary>
    private static void Seed(string connectionString, int instances)
    {
        using var connection = new SqliteConnection(connectionString);
        connection.Open();
        using SqliteTransaction tx = connection.BeginTransaction();
        using SqliteCommand insert = connection.CreateCommand();
        insert.Transaction = tx;
        insert.CommandText = """
            INSERT INTO Instances (InstanceId, ExecutionId, Name, RuntimeStatus, CreatedTime, LastUpdatedTime, CompletedTime, Input, Output, CustomStatus)
            VALUES ($id, $execution, $name, $status, $created, $updated, $completed, $input, $output, $custom)
            """;
        string[] parameterNames = ["$id", "$execution", "$name", "$status", "$created", "$updated", "$completed", "$input", "$output", "$custom"];
        SqliteParameter[] p = [.. parameterNames.Select(n => insert.Parameters.Add(n, SqliteType.Text))];
        var random = new Random(42);
        for (int i = 0; i < instances; i++)
        {
            OrchestrationRuntimeStatus status = random.Next(100) switch
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
            insert.ExecuteNonQuery();
        }

        tx.Commit();
        using SqliteCommand analyze = connection.CreateCommand();
        analyze.CommandText = "ANALYZE";
        analyze.ExecuteNonQuery();
    }
}
