using DurableTask.Core;
using DurableTask.Core.Query;
using Microsoft.Data.Sqlite;
using Microsoft.DurableTask.Client;
using OrchestrationQuery = DurableTask.Core.Query.OrchestrationQuery;
using Workflows.DurableTask.Queries;
using Workflows.DurableTask.Sqlite.Queries;
using Workflows.DurableTask.Sqlite.Storage;

namespace Workflows.DurableTask.Sqlite;

/// <summary>Instance queries in SQL: filters, every order with keyset continuation tokens, counts by status, backlog.</summary>
public sealed partial class SqliteOrchestrationService
{
    private const int MaxPageSize = 1000;

    /// <inheritdoc/>
    public InstanceQueryCapabilities Capabilities => InstanceQueryCapabilities.All;

    /// <inheritdoc/>
    /// <exception cref="ArgumentException">The token is not valid or was made for another order.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The page size is not 1 to 1,000.</exception>
    public async Task<InstanceQueryPage> QueryInstancesAsync(InstanceQuery query, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        (List<InstanceRow> rows, string? token) = await this.QueryRowsAsync(query, cancellation).ConfigureAwait(false);
        return new InstanceQueryPage(rows.Select(r => r.ToMetadata()).ToList(), token);
    }

    /// <inheritdoc/>
    public Task<IReadOnlyDictionary<OrchestrationRuntimeStatus, long>> CountInstancesAsync(InstanceQuery query, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var parameters = new List<(string, object?)>();
        string where = Filter(query with { Statuses = null }, parameters);
        return this.ReadAsync<IReadOnlyDictionary<OrchestrationRuntimeStatus, long>>(
            c =>
            {
                var counts = new Dictionary<OrchestrationRuntimeStatus, long>();
                using SqliteCommand command = c.Command(null, $"SELECT i.RuntimeStatus, COUNT(*) FROM Instances i WHERE {where} GROUP BY i.RuntimeStatus", [.. parameters]);
                using SqliteDataReader reader = command.ExecuteReader();
                while (reader.Read())
                {
                    counts[(OrchestrationRuntimeStatus)reader.GetInt32(0)] = reader.GetInt64(1);
                }

                return counts;
            },
            cancellation);
    }

    /// <inheritdoc/>
    public Task<WorkBacklog> GetBacklogAsync(CancellationToken cancellation = default)
    {
        long now = this.Now.ToTicks();
        return this.ReadAsync(
            c => new WorkBacklog(
                c.ScalarInt64(null, "SELECT COUNT(*) FROM Messages WHERE VisibleTime <= $now", ("$now", now)) ?? 0,
                c.ScalarInt64(null, "SELECT COUNT(*) FROM Tasks WHERE VisibleTime <= $now", ("$now", now)) ?? 0),
            cancellation);
    }

    /// <inheritdoc/>
    /// <remarks>Newest first, with a keyset continuation token; one file holds one task hub, so a query naming only
    /// other hubs finds nothing.</remarks>
    public async Task<OrchestrationQueryResult> GetOrchestrationWithQueryAsync(OrchestrationQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (query.TaskHubNames is { Count: > 0 } hubs && !hubs.Contains(this.settings.TaskHubName, StringComparer.OrdinalIgnoreCase))
        {
            return new OrchestrationQueryResult([], null);
        }

        var ours = new InstanceQuery
        {
            CreatedFrom = query.CreatedTimeFrom is DateTime from ? new DateTimeOffset(from.ToTicks(), TimeSpan.Zero) : null,
            CreatedTo = query.CreatedTimeTo is DateTime to ? new DateTimeOffset(to.ToTicks(), TimeSpan.Zero) : null,
            Statuses = query.RuntimeStatus?.Select(s => (OrchestrationRuntimeStatus)(int)s).ToList(),
            InstanceIdPrefix = query.InstanceIdPrefix,
            PageSize = query.PageSize,
            ContinuationToken = query.ContinuationToken,
            FetchInputsAndOutputs = query.FetchInputsAndOutputs,
        };
        (List<InstanceRow> rows, string? token) = await this.QueryRowsAsync(ours, cancellationToken).ConfigureAwait(false);
        return new OrchestrationQueryResult(rows.Select(r => r.ToState()).ToList(), token);
    }

    private Task<(List<InstanceRow> Rows, string? Token)> QueryRowsAsync(InstanceQuery query, CancellationToken cancellation)
    {
        if (query.PageSize is < 1 or > MaxPageSize)
        {
            throw new ArgumentOutOfRangeException(nameof(query), query.PageSize, "The page size must be 1 to 1000.");
        }

        InstanceKeyset keyset = InstanceKeyset.For(query.OrderBy, query.Ascending);
        var parameters = new List<(string, object?)>();
        string where = Filter(query, parameters);
        if (!string.IsNullOrEmpty(query.ContinuationToken))
        {
            where += " AND " + keyset.After(query.ContinuationToken, parameters);
        }

        parameters.Add(("$limit", query.PageSize + 1));
        bool withPayloads = query.FetchInputsAndOutputs;
        string sql = $"SELECT {(withPayloads ? InstanceRow.ColumnsWithPayloads : InstanceRow.Columns)} FROM Instances i WHERE {where} ORDER BY {keyset.OrderBySql} LIMIT $limit";
        return this.ReadAsync(
            c =>
            {
                var rows = new List<InstanceRow>();
                using SqliteCommand command = c.Command(null, sql, [.. parameters]);
                using SqliteDataReader reader = command.ExecuteReader();
                while (reader.Read())
                {
                    rows.Add(InstanceRow.Read(reader, withPayloads));
                }

                string? token = null;
                if (rows.Count > query.PageSize)
                {
                    rows.RemoveAt(rows.Count - 1);
                    token = keyset.TokenAfter(rows[^1]);
                }

                return (rows, token);
            },
            cancellation);
    }

    /// <summary>The WHERE condition (over Instances <c>i</c>) for a query's filters.</summary>
    private static string Filter(InstanceQuery query, List<(string, object?)> parameters)
    {
        var conditions = new List<string> { "1 = 1" };
        if (query.CreatedFrom is DateTimeOffset from)
        {
            conditions.Add("i.CreatedTime >= $from");
            parameters.Add(("$from", from.UtcTicks));
        }

        if (query.CreatedTo is DateTimeOffset to)
        {
            conditions.Add("i.CreatedTime <= $to");
            parameters.Add(("$to", to.UtcTicks));
        }

        if (query.Statuses is { Count: > 0 } statuses)
        {
            conditions.Add("i.RuntimeStatus IN (SELECT value FROM json_each($statuses))");
            parameters.Add(("$statuses", EventJson.Serialize(statuses.Select(s => (int)s).ToArray())));
        }

        if (!string.IsNullOrEmpty(query.InstanceIdPrefix))
        {
            conditions.Add("substr(i.InstanceId, 1, length($prefix)) = $prefix");
            parameters.Add(("$prefix", query.InstanceIdPrefix));
        }

        if (!string.IsNullOrEmpty(query.Name))
        {
            // Name is a NOCASE column: the comparison ignores case.
            conditions.Add("i.Name = $name");
            parameters.Add(("$name", query.Name));
        }

        if (!string.IsNullOrEmpty(query.CustomStatusContains))
        {
            conditions.Add($"instr(lower({Payloads.Text("i", "CustomStatus", "CustomStatusPayloadId")}), lower($custom)) > 0");
            parameters.Add(("$custom", query.CustomStatusContains));
        }

        return string.Join(" AND ", conditions);
    }
}
