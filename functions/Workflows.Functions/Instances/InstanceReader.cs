using DurableTask.Core.History;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Workflows.DurableTask.Queries;

namespace Workflows.Functions.Instances;

/// <summary>Reads orchestration instances for the app's API and dashboard: the SDK's client for what it can do, and the
/// store's <see cref="IInstanceQueryPort"/>, when the provider has one, for what it cannot (orders, the orchestrator-name
/// and custom-status filters, counts, backlog).</summary>
public sealed class InstanceReader
{
    /// <summary>Creates the reader over the client and the store's query port, if one is registered.</summary>
    public InstanceReader(DurableTaskClient client, IEnumerable<IInstanceQueryPort> ports)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(ports);
        this.Client = client;
        this.Port = ports.LastOrDefault();
    }

    /// <summary>The client.</summary>
    public DurableTaskClient Client { get; }

    /// <summary>The store's query port, or null when the provider has none.</summary>
    public IInstanceQueryPort? Port { get; }

    /// <summary>What the store's query port can do (nothing without one).</summary>
    public InstanceQueryCapabilities Capabilities => this.Port?.Capabilities ?? InstanceQueryCapabilities.None;

    /// <summary>Whether the store can do all of <paramref name="wanted"/>.</summary>
    public bool Can(InstanceQueryCapabilities wanted) => (this.Capabilities & wanted) == wanted;

    /// <summary>One page of the instances of the orchestrator <paramref name="name"/>, with inputs, outputs and custom
    /// status: filtered by the store where it filters by name, otherwise by the SDK's query with the other orchestrators'
    /// instances left out of the page (so a page may be short, and its token still continues after it).</summary>
    public async Task<InstanceQueryPage> OfOrchestratorAsync(
        string name,
        IReadOnlyCollection<OrchestrationRuntimeStatus>? statuses,
        string? instanceIdPrefix,
        int pageSize,
        string? continuationToken,
        CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        if (this.Port is { } port && this.Can(InstanceQueryCapabilities.NameFilter))
        {
            var query = new InstanceQuery
            {
                Name = name,
                Statuses = statuses,
                InstanceIdPrefix = instanceIdPrefix,
                PageSize = pageSize,
                ContinuationToken = continuationToken,
                FetchInputsAndOutputs = true,
            };
            return await port.QueryInstancesAsync(query, cancellationToken).ConfigureAwait(false);
        }

        var filter = new OrchestrationQuery(
            Statuses: statuses,
            InstanceIdPrefix: instanceIdPrefix,
            PageSize: pageSize,
            FetchInputsAndOutputs: true,
            ContinuationToken: continuationToken);
        await foreach (Page<OrchestrationMetadata> page in this.Client.GetAllInstancesAsync(filter).AsPages(continuationToken, pageSize).WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            return new InstanceQueryPage([.. page.Values.Where(i => string.Equals(i.Name, name, StringComparison.OrdinalIgnoreCase))], page.ContinuationToken);
        }

        return new InstanceQueryPage([], null);
    }

    /// <summary>The history of the instance's current execution, as DurableTask.Core records it; empty for an unknown
    /// instance.</summary>
    public Task<IList<HistoryEvent>> HistoryAsync(string instanceId, CancellationToken cancellationToken) =>
        this.Client.GetOrchestrationHistoryAsync(instanceId, cancellationToken);
}
