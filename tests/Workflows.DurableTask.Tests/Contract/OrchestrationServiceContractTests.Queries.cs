using DurableTask.Core;
using DurableTask.Core.Query;
using Microsoft.DurableTask.Client;
using Workflows.DurableTask.Queries;
using OrchestrationQuery = DurableTask.Core.Query.OrchestrationQuery;

namespace Workflows.DurableTask.Tests.Contract;

/// <summary>Queries: DurableTask.Core's query client and our query port (orders, keyset tokens, filters, counts, backlog).
/// What a provider's port does not support must be refused with <see cref="NotSupportedException"/>.</summary>
public abstract partial class OrchestrationServiceContractTests
{
    private static readonly string[] SeedNames = ["Beta", "alpha", "Beta", "Gamma", "alpha", "BETA", "Delta"];

    public static TheoryData<InstanceOrderBy, bool> Orders()
    {
        var data = new TheoryData<InstanceOrderBy, bool>();
        foreach (InstanceOrderBy order in Enum.GetValues<InstanceOrderBy>())
        {
            data.Add(order, true);
            data.Add(order, false);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Orders))]
    public async Task Query_pages_through_every_instance_once_in_its_order_with_ties_broken_by_id(InstanceOrderBy order, bool ascending)
    {
        IInstanceQueryPort port = this.RequirePort();
        List<string> ids = await this.SeedAsync();
        var query = new InstanceQuery { OrderBy = order, Ascending = ascending, PageSize = 2 };
        if (!port.Capabilities.HasFlag(Capability(order)))
        {
            await Assert.ThrowsAsync<NotSupportedException>(() => port.QueryInstancesAsync(query));
            return;
        }

        var seen = new List<OrchestrationMetadata>();
        string? token = null;
        do
        {
            InstanceQueryPage page = await port.QueryInstancesAsync(query with { ContinuationToken = token });
            Assert.InRange(page.Instances.Count, 1, 2);
            seen.AddRange(page.Instances);
            token = page.ContinuationToken;
        }
        while (token is not null);

        Assert.Equal(ids.Order(StringComparer.Ordinal), seen.Select(m => m.InstanceId).Order(StringComparer.Ordinal));
        Comparison<OrchestrationMetadata> compare = Comparer(order);
        for (int i = 1; i < seen.Count; i++)
        {
            int c = compare(seen[i - 1], seen[i]);
            Assert.True(ascending ? c < 0 : c > 0, $"{seen[i - 1].InstanceId} and {seen[i].InstanceId} are out of {order} order.");
        }
    }

    [Fact]
    public async Task Continuation_token_is_bound_to_its_order()
    {
        IInstanceQueryPort port = this.RequirePort();
        await this.SeedAsync();
        InstanceQueryPage page = await port.QueryInstancesAsync(new InstanceQuery { PageSize = 2 });
        Assert.NotNull(page.ContinuationToken);
        await Assert.ThrowsAnyAsync<ArgumentException>(
            () => port.QueryInstancesAsync(new InstanceQuery { PageSize = 2, OrderBy = InstanceOrderBy.InstanceId, Ascending = true, ContinuationToken = page.ContinuationToken }));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => port.QueryInstancesAsync(new InstanceQuery { ContinuationToken = "not a token" }));
    }

    [Fact]
    public async Task Query_filters_by_name_prefix_status_time_and_custom_status_text()
    {
        IInstanceQueryPort port = this.RequirePort();
        List<string> ids = await this.SeedAsync();

        if (port.Capabilities.HasFlag(InstanceQueryCapabilities.NameFilter))
        {
            InstanceQueryPage beta = await port.QueryInstancesAsync(new InstanceQuery { Name = "beta" });
            Assert.Equal(3, beta.Instances.Count);
            Assert.All(beta.Instances, m => Assert.Equal("beta", m.Name, ignoreCase: true));
        }

        InstanceQueryPage prefixed = await port.QueryInstancesAsync(new InstanceQuery { InstanceIdPrefix = ids[3] });
        Assert.Equal(ids[3], Assert.Single(prefixed.Instances).InstanceId);

        InstanceQueryPage completed = await port.QueryInstancesAsync(new InstanceQuery { Statuses = [OrchestrationRuntimeStatus.Completed], FetchInputsAndOutputs = true });
        Assert.Equal([ids[0], ids[1]], completed.Instances.Select(m => m.InstanceId).Order(StringComparer.Ordinal), StringComparer.Ordinal);
        Assert.All(completed.Instances, m => Assert.Equal("\"done\"", m.SerializedOutput));

        InstanceQueryPage future = await port.QueryInstancesAsync(new InstanceQuery { CreatedFrom = DateTimeOffset.UtcNow.AddMinutes(5) });
        Assert.Empty(future.Instances);
        InstanceQueryPage window = await port.QueryInstancesAsync(new InstanceQuery { CreatedFrom = DateTimeOffset.UtcNow.AddMinutes(-5), CreatedTo = DateTimeOffset.UtcNow.AddMinutes(5) });
        Assert.Equal(ids.Count, window.Instances.Count);

        if (port.Capabilities.HasFlag(InstanceQueryCapabilities.CustomStatusFilter))
        {
            InstanceQueryPage review = await port.QueryInstancesAsync(new InstanceQuery { CustomStatusContains = "REVIEW", FetchInputsAndOutputs = true });
            Assert.Equal([ids[2], ids[3]], review.Instances.Select(m => m.InstanceId).Order(StringComparer.Ordinal), StringComparer.Ordinal);
            Assert.All(review.Instances, m => Assert.Contains("Review", m.SerializedCustomStatus, StringComparison.Ordinal));
        }
        else
        {
            await Assert.ThrowsAsync<NotSupportedException>(() => port.QueryInstancesAsync(new InstanceQuery { CustomStatusContains = "x" }));
        }

        InstanceQueryPage bare = await port.QueryInstancesAsync(new InstanceQuery { Statuses = [OrchestrationRuntimeStatus.Completed], FetchInputsAndOutputs = false });
        Assert.All(bare.Instances, m => Assert.Null(m.SerializedOutput));
    }

    [Fact]
    public async Task Counts_by_status_and_backlog_match_the_store()
    {
        IInstanceQueryPort port = this.RequirePort();
        await this.SeedAsync();
        if (!port.Capabilities.HasFlag(InstanceQueryCapabilities.CountByStatus))
        {
            await Assert.ThrowsAsync<NotSupportedException>(() => port.CountInstancesAsync(new InstanceQuery()));
            return;
        }

        IReadOnlyDictionary<OrchestrationRuntimeStatus, long> counts = await port.CountInstancesAsync(new InstanceQuery { Statuses = [OrchestrationRuntimeStatus.Failed] });
        Assert.Equal(2, counts[OrchestrationRuntimeStatus.Completed]);
        Assert.Equal(2, counts[OrchestrationRuntimeStatus.Running]);
        Assert.Equal(3, counts[OrchestrationRuntimeStatus.Pending]);
        Assert.False(counts.ContainsKey(OrchestrationRuntimeStatus.Failed));

        IReadOnlyDictionary<OrchestrationRuntimeStatus, long> named = await port.CountInstancesAsync(new InstanceQuery { Name = "alpha" });
        Assert.Equal(2, named.Values.Sum());

        if (port.Capabilities.HasFlag(InstanceQueryCapabilities.Backlog))
        {
            WorkBacklog backlog = await port.GetBacklogAsync();
            Assert.Equal(3, backlog.OrchestrationMessages);
            Assert.Equal(2, backlog.ActivityTasks);
        }
    }

    [Fact]
    public async Task Core_query_pages_with_continuation_tokens_and_filters()
    {
        List<string> ids = await this.SeedAsync();
        var seen = new List<string>();
        string? token = null;
        do
        {
            OrchestrationQueryResult result = await this.QueryClient.GetOrchestrationWithQueryAsync(
                new OrchestrationQuery { PageSize = 3, ContinuationToken = token }, CancellationToken.None);
            Assert.InRange(result.OrchestrationState.Count, 1, 3);
            seen.AddRange(result.OrchestrationState.Select(s => s.OrchestrationInstance.InstanceId));
            token = result.ContinuationToken;
        }
        while (!string.IsNullOrEmpty(token));

        Assert.Equal(ids.Order(StringComparer.Ordinal), seen.Order(StringComparer.Ordinal));

        OrchestrationQueryResult running = await this.QueryClient.GetOrchestrationWithQueryAsync(
            new OrchestrationQuery { RuntimeStatus = [OrchestrationStatus.Running] }, CancellationToken.None);
        Assert.Equal([ids[2], ids[3]], running.OrchestrationState.Select(s => s.OrchestrationInstance.InstanceId).Order(StringComparer.Ordinal), StringComparer.Ordinal);
    }

    private IInstanceQueryPort RequirePort() =>
        this.QueryPort ?? throw new InvalidOperationException("The provider under test does not implement IInstanceQueryPort.");

    /// <summary>Seven instances with tied names: 0-1 completed, 2-3 running with a "Review" custom status and an
    /// activity each, 4-6 pending. Ids sort in creation order.</summary>
    private async Task<List<string>> SeedAsync()
    {
        var ids = new List<string>();
        for (int i = 0; i < SeedNames.Length; i++)
        {
            ids.Add(await this.CreateAsync($"q{i:D2}-{Guid.NewGuid():N}", SeedNames[i], $"{i}"));
        }

        for (int i = 0; i < 2; i++)
        {
            await this.RunToCompletionAsync(ids[i]);
        }

        for (int i = 2; i < 4; i++)
        {
            TaskOrchestrationWorkItem item = await this.LockOrchestrationAsync(ids[i]);
            await new Episode(item).ScheduleActivity(0, "Act").CustomStatus("{\"stage\":\"Review\"}").CommitAsync(this.Service);
        }

        return ids;
    }

    private static InstanceQueryCapabilities Capability(InstanceOrderBy order) => order switch
    {
        InstanceOrderBy.LastUpdatedTime => InstanceQueryCapabilities.OrderByLastUpdatedTime,
        InstanceOrderBy.InstanceId => InstanceQueryCapabilities.OrderByInstanceId,
        InstanceOrderBy.Name => InstanceQueryCapabilities.OrderByName,
        _ => InstanceQueryCapabilities.OrderByCreatedTime,
    };

    private static Comparison<OrchestrationMetadata> Comparer(InstanceOrderBy order) => order switch
    {
        InstanceOrderBy.LastUpdatedTime => (a, b) => Then(a.LastUpdatedAt.CompareTo(b.LastUpdatedAt), a, b),
        InstanceOrderBy.InstanceId => (a, b) => string.CompareOrdinal(a.InstanceId, b.InstanceId),
        InstanceOrderBy.Name => (a, b) => Then(StringComparer.OrdinalIgnoreCase.Compare(a.Name, b.Name) is int n && n != 0 ? n : a.CreatedAt.CompareTo(b.CreatedAt), a, b),
        _ => (a, b) => Then(a.CreatedAt.CompareTo(b.CreatedAt), a, b),
    };

    private static int Then(int first, OrchestrationMetadata a, OrchestrationMetadata b) => first != 0 ? first : string.CompareOrdinal(a.InstanceId, b.InstanceId);
}
