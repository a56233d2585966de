using System.Runtime.CompilerServices;
using DurableTask.AzureStorage;
using DurableTask.AzureStorage.Tracking;
using DurableTask.Core;
using Microsoft.DurableTask.Client;
using Workflows.DurableTask.Client;
using Workflows.DurableTask.Queries;

namespace Workflows.DurableTask.AzureStorage;

/// <summary>The query port over DurableTask.AzureStorage's Instances table. The table is keyed by instance id alone and
/// has no other index, so the table filters only by status, creation time and instance-id prefix; everything else (the
/// orders, the orchestrator-name and custom-status filters, the counts) is done here over every row those filters
/// let through, read without inputs and outputs. That costs one table request per 1,000 such rows for every page and
/// every count, so a query that would sort more than <see cref="ScanLimit"/> rows is refused. The backlog is the
/// queues' approximate lengths, which include messages being processed and timers not yet due.</summary>
public sealed class AzureStorageInstanceQueryPort : IInstanceQueryPort
{
    /// <summary>The most rows a query sorts unless configured.</summary>
    public const int DefaultScanLimit = 100_000;

    private const int MaxPageSize = 1000;
    private const int TableBatch = 1000;
    private const int ParallelReads = 8;

    private readonly AzureStorageOrchestrationService service;
    private readonly Lazy<AzureStorageQueueLengths> queues;

    /// <summary>Creates the port over <paramref name="service"/>, made with <paramref name="settings"/>.</summary>
    /// <param name="service">The task hub's service.</param>
    /// <param name="settings">The settings the service was made with (for its queues).</param>
    /// <param name="scanLimit">The most rows a query may sort; beyond it the query is refused.</param>
    public AzureStorageInstanceQueryPort(AzureStorageOrchestrationService service, AzureStorageOrchestrationServiceSettings settings, int scanLimit = DefaultScanLimit)
    {
        ArgumentNullException.ThrowIfNull(service);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentOutOfRangeException.ThrowIfLessThan(scanLimit, 1);
        this.service = service;
        this.ScanLimit = scanLimit;
        this.queues = new Lazy<AzureStorageQueueLengths>(() => new AzureStorageQueueLengths(settings));
    }

    /// <summary>The most rows a query sorts.</summary>
    public int ScanLimit { get; }

    /// <inheritdoc/>
    /// <remarks>All of them, by reading the rows (see the class): fine for the thousands of instances a governance hub
    /// holds, slow for millions.</remarks>
    public InstanceQueryCapabilities Capabilities => InstanceQueryCapabilities.All;

    /// <inheritdoc/>
    /// <exception cref="ArgumentException">The token is not valid or was made for another order.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The page size is not 1 to 1,000.</exception>
    /// <exception cref="InvalidOperationException">More than <see cref="ScanLimit"/> rows pass the table's filters.</exception>
    public async Task<InstanceQueryPage> QueryInstancesAsync(InstanceQuery query, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (query.PageSize is < 1 or > MaxPageSize)
        {
            throw new ArgumentOutOfRangeException(nameof(query), query.PageSize, "The page size must be 1 to 1000.");
        }

        AzureStorageQueryToken? after = string.IsNullOrEmpty(query.ContinuationToken)
            ? null
            : AzureStorageQueryToken.Decode(query.ContinuationToken, query.OrderBy, query.Ascending);

        var rows = new List<OrchestrationState>();
        await foreach (OrchestrationState state in this.ScanAsync(query, cancellation).ConfigureAwait(false))
        {
            if (rows.Count == this.ScanLimit)
            {
                throw new InvalidOperationException(
                    $"More than {this.ScanLimit} instances match, too many to sort in Azure Storage; narrow the filter (status, created time or instance-id prefix).");
            }

            rows.Add(state);
        }

        Comparison<AzureStorageQueryToken> order = Order(query.OrderBy, query.Ascending);
        List<(OrchestrationState State, AzureStorageQueryToken Key)> sorted = [.. rows.Select(s => (s, KeyOf(s, query)))];
        sorted.Sort((x, y) => order(x.Key, y.Key));
        int start = after is null ? 0 : sorted.FindIndex(r => order(r.Key, after) > 0);
        if (start < 0)
        {
            return new InstanceQueryPage([], null);
        }

        List<(OrchestrationState State, AzureStorageQueryToken Key)> page = sorted.Skip(start).Take(query.PageSize).ToList();
        string? next = start + page.Count < sorted.Count ? page[^1].Key.Encode() : null;
        IReadOnlyList<OrchestrationState> states = query.FetchInputsAndOutputs
            ? await this.ReadFullAsync([.. page.Select(r => r.State)], cancellation).ConfigureAwait(false)
            : [.. page.Select(r => r.State)];
        return new InstanceQueryPage([.. states.Select(s => ToMetadata(s, query.FetchInputsAndOutputs))], next);
    }

    /// <inheritdoc/>
    public async Task<IReadOnlyDictionary<OrchestrationRuntimeStatus, long>> CountInstancesAsync(InstanceQuery query, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var counts = new Dictionary<OrchestrationRuntimeStatus, long>();
        await foreach (OrchestrationState state in this.ScanAsync(query with { Statuses = null }, cancellation).ConfigureAwait(false))
        {
            OrchestrationRuntimeStatus status = state.OrchestrationStatus.ToRuntimeStatus();
            counts[status] = counts.GetValueOrDefault(status) + 1;
        }

        return counts;
    }

    /// <inheritdoc/>
    /// <remarks>Azure Storage tells only how many messages a queue holds, not how many are visible: these counts include
    /// messages a worker holds and timers (and scheduled starts) not yet due.</remarks>
    public Task<WorkBacklog> GetBacklogAsync(CancellationToken cancellation = default) =>
        this.queues.Value.ReadAsync().WaitAsync(cancellation);

    /// <summary>The rows the table's filters let through that also pass the name and custom-status filters, without
    /// inputs and outputs (the custom status is read).</summary>
    private async IAsyncEnumerable<OrchestrationState> ScanAsync(InstanceQuery query, [EnumeratorCancellation] CancellationToken cancellation)
    {
        var condition = new OrchestrationInstanceStatusQueryCondition
        {
            RuntimeStatus = query.Statuses is { Count: > 0 } statuses ? [.. statuses.Select(s => s.ToCoreStatus())] : null,
            CreatedTimeFrom = query.CreatedFrom?.UtcDateTime ?? default,
            CreatedTimeTo = query.CreatedTo?.UtcDateTime ?? default,
            InstanceIdPrefix = string.IsNullOrEmpty(query.InstanceIdPrefix) ? null : query.InstanceIdPrefix,
            FetchInput = false,
            FetchOutput = false,

            // Also makes the condition non-empty, without which the table returns every column.
            ExcludeEntities = true,
        };
        string? customStatus = string.IsNullOrEmpty(query.CustomStatusContains) ? null : AsciiLower(query.CustomStatusContains);
        string? continuation = null;
        do
        {
            DurableStatusQueryResult result = await this.service.GetOrchestrationStateAsync(condition, TableBatch, continuation, cancellation).ConfigureAwait(false);
            foreach (OrchestrationState state in result.OrchestrationState)
            {
                if (!string.IsNullOrEmpty(query.Name) && !string.Equals(state.Name, query.Name, StringComparison.OrdinalIgnoreCase))
                {
                    continue;
                }

                if (customStatus is not null && !(CustomStatusOf(state) is { } text && AsciiLower(text).Contains(customStatus, StringComparison.Ordinal)))
                {
                    continue;
                }

                yield return state;
            }

            continuation = result.ContinuationToken;
        }
        while (!string.IsNullOrEmpty(continuation));
    }

    /// <summary>The page's rows with their inputs and outputs, read one by one (the page is small; the scan is not).</summary>
    private async Task<IReadOnlyList<OrchestrationState>> ReadFullAsync(IReadOnlyList<OrchestrationState> rows, CancellationToken cancellation)
    {
        var full = new OrchestrationState[rows.Count];
        await Parallel.ForAsync(0, rows.Count, new ParallelOptions { MaxDegreeOfParallelism = ParallelReads, CancellationToken = cancellation }, async (i, token) =>
        {
            IList<OrchestrationState> states = await this.service.GetOrchestrationStateAsync(rows[i].OrchestrationInstance.InstanceId, allExecutions: false, fetchInput: true)
                .WaitAsync(token).ConfigureAwait(false);

            // Purged meanwhile: the row as scanned, without payloads.
            full[i] = states.FirstOrDefault() ?? rows[i];
        }).ConfigureAwait(false);
        return full;
    }

    /// <summary>The custom status; DurableTask.AzureStorage writes the text <c>null</c> for none.</summary>
    private static string? CustomStatusOf(OrchestrationState state) =>
        state.Status is null or "null" ? null : state.Status;

    private static AzureStorageQueryToken KeyOf(OrchestrationState state, InstanceQuery query) => new(
        query.OrderBy,
        query.Ascending,
        query.OrderBy == InstanceOrderBy.Name ? state.Name ?? string.Empty : null,
        query.OrderBy switch
        {
            InstanceOrderBy.LastUpdatedTime => AsUtc(state.LastUpdatedTime).UtcTicks,
            InstanceOrderBy.InstanceId => 0,
            _ => AsUtc(state.CreatedTime).UtcTicks,
        },
        state.OrchestrationInstance.InstanceId);

    /// <summary>The order of sort keys: the order's own value, then the instance id (ordinal), reversed when descending.</summary>
    private static Comparison<AzureStorageQueryToken> Order(InstanceOrderBy orderBy, bool ascending)
    {
        int sign = ascending ? 1 : -1;
        return (x, y) =>
        {
            int c = orderBy == InstanceOrderBy.Name ? StringComparer.OrdinalIgnoreCase.Compare(x.Name, y.Name) : 0;
            if (c == 0)
            {
                c = x.Ticks.CompareTo(y.Ticks);
            }

            if (c == 0)
            {
                c = string.CompareOrdinal(x.InstanceId, y.InstanceId);
            }

            return sign * c;
        };
    }

    private static OrchestrationMetadata ToMetadata(OrchestrationState state, bool withPayloads) =>
        new(state.Name, state.OrchestrationInstance.InstanceId)
        {
            RuntimeStatus = state.OrchestrationStatus.ToRuntimeStatus(),
            CreatedAt = AsUtc(state.CreatedTime),
            LastUpdatedAt = AsUtc(state.LastUpdatedTime),
            SerializedInput = withPayloads ? state.Input : null,
            SerializedOutput = withPayloads ? state.Output : null,
            SerializedCustomStatus = withPayloads ? CustomStatusOf(state) : null,
            Tags = state.Tags is { Count: > 0 } tags ? new Dictionary<string, string>(tags, StringComparer.Ordinal) : new Dictionary<string, string>(StringComparer.Ordinal),
            FailureDetails = state.FailureDetails.ToTaskFailureDetails()
                ?? (withPayloads && state.OrchestrationStatus == OrchestrationStatus.Failed ? FailureDetailsConversion.FromOutput(state.Output) : null),
        };

    private static DateTimeOffset AsUtc(DateTime time) => time.Kind == DateTimeKind.Unspecified
        ? new DateTimeOffset(DateTime.SpecifyKind(time, DateTimeKind.Utc))
        : new DateTimeOffset(time.ToUniversalTime());

    /// <summary>Lower-cases ASCII letters only, as the port's contract ignores the case of ASCII letters.</summary>
    private static string AsciiLower(string text) => string.Create(text.Length, text, static (span, source) =>
    {
        for (int i = 0; i < source.Length; i++)
        {
            span[i] = char.IsAsciiLetterUpper(source[i]) ? (char)(source[i] | 0x20) : source[i];
        }
    });
}
