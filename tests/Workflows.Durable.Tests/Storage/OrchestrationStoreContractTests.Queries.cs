using Workflows.Durable.Client;
using Workflows.Durable.Storage;

namespace Workflows.Durable.Tests.Storage;

/// <summary>Instance queries: filters, keyset paging, payloads.</summary>
public abstract partial class OrchestrationStoreContractTests
{
    [Fact]
    public async Task QueryInstances_FiltersByStatusSet()
    {
        IOrchestrationStore store = await this.OpenStoreAsync();
        await this.DriveToAsync(store, "q-pending", OrchestrationRuntimeStatus.Pending);
        await this.DriveToAsync(store, "q-running", OrchestrationRuntimeStatus.Running);
        await this.DriveToAsync(store, "q-suspended", OrchestrationRuntimeStatus.Suspended);
        await this.DriveToAsync(store, "q-completed", OrchestrationRuntimeStatus.Completed);
        await this.DriveToAsync(store, "q-failed", OrchestrationRuntimeStatus.Failed);

        Assert.Equal(["q-completed", "q-running"], await this.QueryIdsAsync(store, new InstanceQuery { Statuses = [OrchestrationRuntimeStatus.Running, OrchestrationRuntimeStatus.Completed] }));
        Assert.Equal(["q-pending"], await this.QueryIdsAsync(store, new InstanceQuery { Statuses = [OrchestrationRuntimeStatus.Pending] }));
        Assert.Empty(await this.QueryIdsAsync(store, new InstanceQuery { Statuses = [OrchestrationRuntimeStatus.Terminated] }));
        string[] all = ["q-completed", "q-failed", "q-pending", "q-running", "q-suspended"];
        Assert.Equal(all, await this.QueryIdsAsync(store, new InstanceQuery { Statuses = [] }));
        Assert.Equal(all, await this.QueryIdsAsync(store, new InstanceQuery()));
        InstanceRecord failed = Assert.Single((await store.QueryInstancesAsync(new InstanceQuery { Statuses = [OrchestrationRuntimeStatus.Failed] }, this.Ct)).Instances);
        Assert.Equal(OrchestrationRuntimeStatus.Failed, failed.RuntimeStatus);
        Assert.NotNull(failed.FailureDetails);
    }

    [Fact]
    public async Task QueryInstances_FiltersByCreatedRange_InclusiveAtBothEnds()
    {
        IOrchestrationStore store = await this.OpenStoreAsync();
        for (int hour = 0; hour < 4; hour++)
        {
            this.Clock.SetUtcNow(T0.AddHours(hour));
            await store.CreateInstanceAsync(this.NewInstance($"h{hour}"), [], this.Ct);
        }

        Assert.Equal(["h1", "h2"], await this.QueryIdsAsync(store, new InstanceQuery { CreatedFrom = T0.AddHours(1), CreatedTo = T0.AddHours(2) }));
        Assert.Equal(["h1", "h2"], await this.QueryIdsAsync(store, new InstanceQuery { CreatedFrom = T0.AddHours(1).ToOffset(TimeSpan.FromHours(2)), CreatedTo = T0.AddHours(2).ToOffset(TimeSpan.FromHours(-5)) }));
        Assert.Equal(["h2", "h3"], await this.QueryIdsAsync(store, new InstanceQuery { CreatedFrom = T0.AddHours(2) }));
        Assert.Equal(["h0", "h1"], await this.QueryIdsAsync(store, new InstanceQuery { CreatedTo = T0.AddHours(1) }));
        Assert.Equal(["h3"], await this.QueryIdsAsync(store, new InstanceQuery { CreatedFrom = T0.AddHours(3), CreatedTo = T0.AddHours(3) }));
        Assert.Empty(await this.QueryIdsAsync(store, new InstanceQuery { CreatedFrom = T0.AddMinutes(10), CreatedTo = T0.AddMinutes(50) }));
        InstanceRecord h2 = Assert.Single((await store.QueryInstancesAsync(new InstanceQuery { CreatedFrom = T0.AddHours(2), CreatedTo = T0.AddHours(2) }, this.Ct)).Instances);
        Assert.Equal(T0.AddHours(2), h2.CreatedAt);
    }

    [Fact]
    public async Task QueryInstances_FiltersByInstanceIdPrefix_ExactlyAndCaseSensitively()
    {
        IOrchestrationStore store = await this.OpenStoreAsync();
        foreach (string id in new[] { "order-1", "order-2", "Order-3", "orders", "x-order-4", "order_5", "order%6", "ORDER-7", "über-1", "uber-2" })
        {
            await store.CreateInstanceAsync(this.NewInstance(id), [], this.Ct);
        }

        Assert.Equal(["order-1", "order-2"], await this.QueryIdsAsync(store, new InstanceQuery { InstanceIdPrefix = "order-" }));
        Assert.Equal(["Order-3"], await this.QueryIdsAsync(store, new InstanceQuery { InstanceIdPrefix = "Order" }));
        Assert.Equal(["order_5"], await this.QueryIdsAsync(store, new InstanceQuery { InstanceIdPrefix = "order_" }));
        Assert.Equal(["order%6"], await this.QueryIdsAsync(store, new InstanceQuery { InstanceIdPrefix = "order%" }));
        Assert.Equal(["order%6", "order-1", "order-2", "order_5", "orders"], await this.QueryIdsAsync(store, new InstanceQuery { InstanceIdPrefix = "order" }));
        Assert.Equal(["order-1"], await this.QueryIdsAsync(store, new InstanceQuery { InstanceIdPrefix = "order-1" }));
        Assert.Equal(["über-1"], await this.QueryIdsAsync(store, new InstanceQuery { InstanceIdPrefix = "über" }));
        Assert.Empty(await this.QueryIdsAsync(store, new InstanceQuery { InstanceIdPrefix = "rder" }));
    }

    [Fact]
    public async Task QueryInstances_FiltersByName_IgnoringCase()
    {
        IOrchestrationStore store = await this.OpenStoreAsync();
        await store.CreateInstanceAsync(this.NewInstance("a1", "Alpha"), [], this.Ct);
        await store.CreateInstanceAsync(this.NewInstance("a2", "Alpha"), [], this.Ct);
        await store.CreateInstanceAsync(this.NewInstance("b1", "Beta"), [], this.Ct);
        await store.CreateInstanceAsync(this.NewInstance("ab", "AlphaBeta"), [], this.Ct);

        Assert.Equal(["a1", "a2"], await this.QueryIdsAsync(store, new InstanceQuery { Name = "Alpha" }));
        Assert.Equal(["a1", "a2"], await this.QueryIdsAsync(store, new InstanceQuery { Name = "alpha" }));
        Assert.Equal(["b1"], await this.QueryIdsAsync(store, new InstanceQuery { Name = "Beta" }));
        Assert.Empty(await this.QueryIdsAsync(store, new InstanceQuery { Name = "Alp" }));
    }

    [Fact]
    public async Task QueryInstances_PagesWithContinuationTokens_NewestFirst_WithoutDuplicatesOrGaps()
    {
        IOrchestrationStore store = await this.OpenStoreAsync();
        var completed = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < 23; i++)
        {
            // Several instances share each created time, so paging must break ties.
            this.Clock.SetUtcNow(T0.AddMinutes(i / 5));
            string id = $"page-{(i * 7) % 23:D2}";
            if (i % 3 == 0)
            {
                await this.DriveToAsync(store, id, OrchestrationRuntimeStatus.Completed);
                completed.Add(id);
            }
            else
            {
                await store.CreateInstanceAsync(this.NewInstance(id), [], this.Ct);
            }
        }

        IReadOnlyList<InstanceRecord> onePage = (await store.QueryInstancesAsync(new InstanceQuery { PageSize = 100 }, this.Ct)).Instances;
        Assert.Equal(23, onePage.Count);
        Assert.True(onePage.Zip(onePage.Skip(1)).All(p => p.First.CreatedAt >= p.Second.CreatedAt), "Instances are not newest first.");

        (List<InstanceRecord> paged, List<int> sizes) = await this.ReadAllPagesAsync(store, new InstanceQuery { PageSize = 5 });
        Assert.Equal([5, 5, 5, 5, 3], sizes);
        Assert.Equal(onePage.Select(r => r.InstanceId), paged.Select(r => r.InstanceId));

        (List<InstanceRecord> pagedCompleted, List<int> completedSizes) = await this.ReadAllPagesAsync(
            store,
            new InstanceQuery { PageSize = 2, Statuses = [OrchestrationRuntimeStatus.Completed] });
        Assert.Equal(completed.Order(StringComparer.Ordinal), pagedCompleted.Select(r => r.InstanceId).Order(StringComparer.Ordinal));
        Assert.Equal(completed.Count, pagedCompleted.Select(r => r.InstanceId).Distinct().Count());
        Assert.Equal((completed.Count + 1) / 2, completedSizes.Count);

        InstancePage exact = await store.QueryInstancesAsync(new InstanceQuery { PageSize = 23 }, this.Ct);
        Assert.Equal(23, exact.Instances.Count);
        Assert.Null(exact.ContinuationToken);
    }

    [Fact]
    public async Task QueryInstances_And_GetInstance_ReadPayloadsOnlyWhenAsked()
    {
        IOrchestrationStore store = await this.OpenStoreAsync();
        await store.CreateInstanceAsync(this.NewInstance("payloads", "WithPayloads", "\"in\""), [], this.Ct);
        await this.RunEpisodeAsync(store, "payloads", item => this.Episode(item, OrchestrationRuntimeStatus.Completed, customStatus: "\"cs\"", output: "\"out\""));

        InstanceRecord with = Assert.Single((await store.QueryInstancesAsync(new InstanceQuery { IncludePayloads = true }, this.Ct)).Instances);
        InstanceRecord without = Assert.Single((await store.QueryInstancesAsync(new InstanceQuery { IncludePayloads = false }, this.Ct)).Instances);
        InstanceRecord single = await this.GetAsync(store, "payloads", includePayloads: false);

        Assert.Equal(("\"in\"", "\"out\"", "\"cs\""), (with.Input, with.Output, with.CustomStatus));
        foreach (InstanceRecord record in new[] { without, single })
        {
            Assert.Null(record.Input);
            Assert.Null(record.Output);
            Assert.Null(record.CustomStatus);
            Assert.Equal("payloads", record.InstanceId);
            Assert.Equal("WithPayloads", record.Name);
            Assert.Equal(OrchestrationRuntimeStatus.Completed, record.RuntimeStatus);
            Assert.Equal(T0, record.CompletedAt);
        }
    }

    [Theory]
    [InlineData("not a token")]
    [InlineData("Zm9v")]
    [InlineData("YWJjfHg=")]
    [InlineData("!!!!")]
    public async Task QueryInstances_MalformedContinuationToken_ThrowsArgumentException(string token)
    {
        IOrchestrationStore store = await this.OpenStoreAsync();
        await store.CreateInstanceAsync(this.NewInstance("any"), [], this.Ct);

        await Assert.ThrowsAnyAsync<ArgumentException>(
            () => store.QueryInstancesAsync(new InstanceQuery { ContinuationToken = token }, this.Ct));
    }

    private async Task<List<string>> QueryIdsAsync(IOrchestrationStore store, InstanceQuery query)
    {
        InstancePage page = await store.QueryInstancesAsync(query, this.Ct);
        Assert.Null(page.ContinuationToken);
        return [.. page.Instances.Select(r => r.InstanceId).Order(StringComparer.Ordinal)];
    }

    private async Task<(List<InstanceRecord> Records, List<int> PageSizes)> ReadAllPagesAsync(IOrchestrationStore store, InstanceQuery query)
    {
        var records = new List<InstanceRecord>();
        var sizes = new List<int>();
        string? token = null;
        do
        {
            InstancePage page = await store.QueryInstancesAsync(query with { ContinuationToken = token }, this.Ct);
            records.AddRange(page.Instances);
            sizes.Add(page.Instances.Count);
            token = page.ContinuationToken;
            Assert.True(sizes.Count <= 100, "Paging does not end.");
        }
        while (token is not null);

        return (records, sizes);
    }
}
