using DurableTask.AzureStorage;
using DurableTask.Core;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Workflows.DurableTask.AzureStorage;
using Workflows.DurableTask.Hosting;
using Workflows.DurableTask.Queries;
using Workflows.DurableTask.Tests.Infrastructure;

namespace Workflows.DurableTask.Tests.AzureStorage;

/// <summary>The Azure Storage query port on a seeded hub (see <see cref="AzureStorageQueryHub"/>), as the host registers it.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class AzureStorageQueryPortTests(AzuriteServer azurite, AzureStorageQueryHub hub) : IClassFixture<AzureStorageQueryHub>, IAsyncLifetime
{
    private static readonly InstanceQuery Ours = new() { InstanceIdPrefix = AzureStorageQueryHub.Prefix };

    public Task InitializeAsync() => hub.StartAsync(azurite);

    public Task DisposeAsync() => Task.CompletedTask;

    private IReadOnlyList<string> Ids => hub.Ids;

    [Fact]
    public void UseAzureStorage_registers_the_hubs_port_as_the_hosts_query_port()
    {
        AzureStorageInstanceQueryPort port = Assert.IsType<AzureStorageInstanceQueryPort>(hub.Port);
        Assert.Equal(InstanceQueryCapabilities.All, port.Capabilities);
        Assert.Equal(AzureStorageInstanceQueryPort.DefaultScanLimit, port.ScanLimit);
    }

    [Fact]
    public async Task Every_order_both_ways_pages_through_every_instance_once_with_ties_broken_by_id()
    {
        foreach (InstanceOrderBy order in Enum.GetValues<InstanceOrderBy>())
        {
            foreach (bool ascending in new[] { true, false })
            {
                var seen = new List<OrchestrationMetadata>();
                string? token = null;
                do
                {
                    InstanceQueryPage page = await hub.Port.QueryInstancesAsync(Ours with { OrderBy = order, Ascending = ascending, PageSize = 4, ContinuationToken = token });
                    Assert.InRange(page.Instances.Count, 1, 4);
                    seen.AddRange(page.Instances);
                    token = page.ContinuationToken;
                }
                while (token is not null);

                Assert.Equal(this.Ids.Order(StringComparer.Ordinal), seen.Select(m => m.InstanceId).Order(StringComparer.Ordinal));
                for (int i = 1; i < seen.Count; i++)
                {
                    int c = Compare(order, seen[i - 1], seen[i]);
                    Assert.True(ascending ? c < 0 : c > 0, $"{seen[i - 1].InstanceId} and {seen[i].InstanceId} are out of {order} {(ascending ? "ascending" : "descending")} order.");
                }
            }
        }

        // Creation order is id order here: newest first by default.
        InstanceQueryPage newest = await hub.Port.QueryInstancesAsync(Ours with { PageSize = 1 });
        Assert.Equal(this.Ids[^1], Assert.Single(newest.Instances).InstanceId);
    }

    [Fact]
    public async Task Continuation_token_is_bound_to_its_order_and_bad_input_is_refused()
    {
        InstanceQueryPage page = await hub.Port.QueryInstancesAsync(Ours with { PageSize = 2 });
        Assert.NotNull(page.ContinuationToken);
        await Assert.ThrowsAnyAsync<ArgumentException>(() => hub.Port.QueryInstancesAsync(Ours with { PageSize = 2, Ascending = true, ContinuationToken = page.ContinuationToken }));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => hub.Port.QueryInstancesAsync(Ours with { OrderBy = InstanceOrderBy.Name, ContinuationToken = page.ContinuationToken }));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => hub.Port.QueryInstancesAsync(Ours with { ContinuationToken = "not a token" }));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => hub.Port.QueryInstancesAsync(Ours with { PageSize = 0 }));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => hub.Port.QueryInstancesAsync(Ours with { PageSize = 1001 }));
    }

    [Fact]
    public async Task Filters_by_name_status_prefix_created_time_and_custom_status_text()
    {
        InstanceQueryPage alpha = await hub.Port.QueryInstancesAsync(Ours with { Name = "ALPHA", Ascending = true });
        Assert.Equal([this.Ids[0], this.Ids[1], this.Ids[5]], alpha.Instances.Select(m => m.InstanceId));

        InstanceQueryPage completed = await hub.Port.QueryInstancesAsync(Ours with { Statuses = [OrchestrationRuntimeStatus.Completed], FetchInputsAndOutputs = true, Ascending = true });
        Assert.Equal([this.Ids[0], this.Ids[1]], completed.Instances.Select(m => m.InstanceId));
        Assert.Equal(["\"done in0\"", "\"done in1\""], completed.Instances.Select(m => m.SerializedOutput));
        Assert.Equal(["\"in0\"", "\"in1\""], completed.Instances.Select(m => m.SerializedInput));

        InstanceQueryPage bare = await hub.Port.QueryInstancesAsync(Ours with { Statuses = [OrchestrationRuntimeStatus.Completed, OrchestrationRuntimeStatus.Running] });
        Assert.Equal(4, bare.Instances.Count);
        Assert.All(bare.Instances, m => Assert.Null(m.SerializedOutput));
        Assert.All(bare.Instances, m => Assert.Null(m.SerializedCustomStatus));

        InstanceQueryPage failed = await hub.Port.QueryInstancesAsync(Ours with { Statuses = [OrchestrationRuntimeStatus.Failed], FetchInputsAndOutputs = true });
        OrchestrationMetadata gamma = Assert.Single(failed.Instances);
        Assert.Equal("gamma", gamma.Name);
        Assert.Contains("refused", gamma.FailureDetails?.ErrorMessage, StringComparison.Ordinal);

        InstanceQueryPage one = await hub.Port.QueryInstancesAsync(new InstanceQuery { InstanceIdPrefix = this.Ids[3] });
        Assert.Equal(this.Ids[3], Assert.Single(one.Instances).InstanceId);

        Assert.Empty((await hub.Port.QueryInstancesAsync(Ours with { CreatedFrom = DateTimeOffset.UtcNow.AddMinutes(5) })).Instances);
        InstanceQueryPage window = await hub.Port.QueryInstancesAsync(Ours with { CreatedFrom = DateTimeOffset.UtcNow.AddMinutes(-10), CreatedTo = DateTimeOffset.UtcNow.AddMinutes(5) });
        Assert.Equal(this.Ids.Count, window.Instances.Count);

        InstanceQueryPage review = await hub.Port.QueryInstancesAsync(Ours with { CustomStatusContains = "REVIEW", FetchInputsAndOutputs = true, Ascending = true });
        Assert.Equal([this.Ids[2], this.Ids[3]], review.Instances.Select(m => m.InstanceId));
        Assert.All(review.Instances, m => Assert.Contains("Review", m.SerializedCustomStatus, StringComparison.Ordinal));

        // DurableTask.AzureStorage stores "null" for no custom status: that text is no custom status to match.
        Assert.Empty((await hub.Port.QueryInstancesAsync(Ours with { CustomStatusContains = "null" })).Instances);
    }

    [Fact]
    public async Task Counts_by_status_ignore_the_status_filter_and_keep_the_others()
    {
        IReadOnlyDictionary<OrchestrationRuntimeStatus, long> counts = await hub.Port.CountInstancesAsync(Ours with { Statuses = [OrchestrationRuntimeStatus.Failed] });
        Assert.Equal(2, counts[OrchestrationRuntimeStatus.Completed]);
        Assert.Equal(2, counts[OrchestrationRuntimeStatus.Running]);
        Assert.Equal(1, counts[OrchestrationRuntimeStatus.Failed]);
        Assert.Equal(1, counts[OrchestrationRuntimeStatus.Pending]);
        Assert.Equal(6, counts.Values.Sum());

        IReadOnlyDictionary<OrchestrationRuntimeStatus, long> alpha = await hub.Port.CountInstancesAsync(Ours with { Name = "alpha" });
        Assert.Equal(2, alpha[OrchestrationRuntimeStatus.Completed]);
        Assert.Equal(1, alpha[OrchestrationRuntimeStatus.Pending]);
        Assert.Equal(3, alpha.Values.Sum());
    }

    [Fact]
    public async Task Backlog_is_the_queues_length_so_a_start_not_yet_due_counts()
    {
        // The only message left is the pending instance's start, an hour away: Azure Storage counts what a queue holds,
        // visible or not (a provider that can tell would report zero here).
        using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        WorkBacklog backlog;
        while ((backlog = await hub.Port.GetBacklogAsync(patience.Token)) != new WorkBacklog(1, 0))
        {
            await Task.Delay(100, patience.Token);
        }

        Assert.Equal(new WorkBacklog(1, 0), backlog);
    }

    [Fact]
    public async Task A_query_that_would_sort_more_rows_than_the_scan_limit_is_refused_and_counts_still_work()
    {
        OrchestrationServiceHandle handle = hub.Services.GetRequiredKeyedService<OrchestrationServiceHandle>(Microsoft.Extensions.Options.Options.DefaultName);
        var service = (AzureStorageOrchestrationService)handle.Service;
        var small = new AzureStorageInstanceQueryPort(service, AzureStorageDefaults.CreateSettings(azurite.ConnectionString), scanLimit: 3);

        InvalidOperationException refused = await Assert.ThrowsAsync<InvalidOperationException>(() => small.QueryInstancesAsync(Ours));
        Assert.Contains("narrow the filter", refused.Message, StringComparison.Ordinal);
        Assert.Equal(2, (await small.QueryInstancesAsync(Ours with { Statuses = [OrchestrationRuntimeStatus.Running] })).Instances.Count);
        Assert.Equal(6, (await small.CountInstancesAsync(Ours)).Values.Sum());
    }

    private static int Compare(InstanceOrderBy order, OrchestrationMetadata a, OrchestrationMetadata b)
    {
        int first = order switch
        {
            InstanceOrderBy.LastUpdatedTime => a.LastUpdatedAt.CompareTo(b.LastUpdatedAt),
            InstanceOrderBy.InstanceId => 0,
            InstanceOrderBy.Name => StringComparer.OrdinalIgnoreCase.Compare(a.Name, b.Name) is int n && n != 0 ? n : a.CreatedAt.CompareTo(b.CreatedAt),
            _ => a.CreatedAt.CompareTo(b.CreatedAt),
        };
        return first != 0 ? first : string.CompareOrdinal(a.InstanceId, b.InstanceId);
    }
}
