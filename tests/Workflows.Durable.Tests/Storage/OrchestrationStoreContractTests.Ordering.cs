using Workflows.Durable.Client;
using Workflows.Durable.Storage;

namespace Workflows.Durable.Tests.Storage;

/// <summary>Instance queries in every order, the custom-status text filter and counts by status.</summary>
public abstract partial class OrchestrationStoreContractTests
{
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
    public async Task QueryInstances_OrdersByEachKeyBothWays_AndPagesWithoutDuplicatesOrGaps(InstanceOrderBy orderBy, bool ascending)
    {
        IOrchestrationStore store = await this.OpenStoreAsync();
        string[] names = ["beta", "Alpha", "gamma", "ALPHA", "Beta"];
        for (int i = 0; i < 19; i++)
        {
            // Shared created times and names, so every order needs its tie-breakers.
            this.Clock.SetUtcNow(T0.AddMinutes(i / 4));
            await store.CreateInstanceAsync(this.NewInstance($"o-{(i * 7) % 19:D2}", names[i % names.Length]), [], this.Ct);
        }

        // Last updates in another order than creation: an episode later for every third instance, latest for the earliest.
        for (int i = 18; i >= 0; i -= 3)
        {
            this.Clock.SetUtcNow(T0.AddHours(1).AddMinutes(18 - i));
            await this.RunEpisodeAsync(store, $"o-{(i * 7) % 19:D2}", item => this.Episode(item));
        }

        IReadOnlyList<InstanceRecord> all = (await store.QueryInstancesAsync(new InstanceQuery { PageSize = 100 }, this.Ct)).Instances;
        Assert.Equal(19, all.Count);
        List<string> expected = Sorted(all, orderBy, ascending).Select(r => r.InstanceId).ToList();
        var query = new InstanceQuery { OrderBy = orderBy, Ascending = ascending };

        InstancePage onePage = await store.QueryInstancesAsync(query with { PageSize = 100 }, this.Ct);
        (List<InstanceRecord> paged, List<int> sizes) = await this.ReadAllPagesAsync(store, query with { PageSize = 4 });

        Assert.Equal(expected, onePage.Instances.Select(r => r.InstanceId));
        Assert.Equal(expected, paged.Select(r => r.InstanceId));
        Assert.Equal([4, 4, 4, 4, 3], sizes);
    }

    [Fact]
    public async Task QueryInstances_OrderCombinesWithFilters()
    {
        IOrchestrationStore store = await this.OpenStoreAsync();
        for (int i = 0; i < 6; i++)
        {
            this.Clock.SetUtcNow(T0.AddMinutes(i));
            await this.DriveToAsync(store, $"f-{i}", i % 2 == 0 ? OrchestrationRuntimeStatus.Completed : OrchestrationRuntimeStatus.Running);
        }

        var query = new InstanceQuery { Statuses = [OrchestrationRuntimeStatus.Completed], OrderBy = InstanceOrderBy.InstanceId, Ascending = true, PageSize = 2 };
        (List<InstanceRecord> paged, _) = await this.ReadAllPagesAsync(store, query);

        Assert.Equal(["f-0", "f-2", "f-4"], paged.Select(r => r.InstanceId));
    }

    [Fact]
    public async Task QueryInstances_TokenOfAnotherOrder_ThrowsArgumentException()
    {
        IOrchestrationStore store = await this.OpenStoreAsync();
        for (int i = 0; i < 3; i++)
        {
            await store.CreateInstanceAsync(this.NewInstance($"t-{i}"), [], this.Ct);
        }

        string token = (await store.QueryInstancesAsync(new InstanceQuery { PageSize = 1, OrderBy = InstanceOrderBy.Name }, this.Ct)).ContinuationToken!;

        await Assert.ThrowsAnyAsync<ArgumentException>(() => store.QueryInstancesAsync(new InstanceQuery { ContinuationToken = token }, this.Ct));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => store.QueryInstancesAsync(new InstanceQuery { ContinuationToken = token, OrderBy = InstanceOrderBy.Name, Ascending = true }, this.Ct));
        Assert.Single((await store.QueryInstancesAsync(new InstanceQuery { ContinuationToken = token, OrderBy = InstanceOrderBy.Name, PageSize = 1 }, this.Ct)).Instances);
    }

    [Fact]
    public async Task QueryInstances_FiltersByCustomStatusText_IgnoringAsciiCase_WithLiteralWildcards_AndLargeStatuses()
    {
        IOrchestrationStore store = await this.OpenStoreAsync();
        (string Id, string? Status)[] instances =
        [
            ("cs-congress", "\"Awaiting the Congress\""),
            ("cs-percent", "{\"stage\":\"GoverningBodies\",\"approved\":\"50%\"}"),
            ("cs-underscore", "{\"state\":\"no_response\"}"),
            ("cs-backslash", "\"C:\\\\minutes\""),
            ("cs-large", "\"" + new string('x', 20_000) + "needle\""),
            ("cs-none", null),
        ];
        foreach ((string id, string? status) in instances)
        {
            await store.CreateInstanceAsync(this.NewInstance(id), [], this.Ct);
            await this.RunEpisodeAsync(store, id, item => this.Episode(item, customStatus: status));
        }

        Assert.Equal(["cs-congress"], await this.QueryIdsAsync(store, new InstanceQuery { CustomStatusContains = "congress" }));
        Assert.Equal(["cs-congress"], await this.QueryIdsAsync(store, new InstanceQuery { CustomStatusContains = "AWAITING THE" }));
        Assert.Equal(["cs-percent"], await this.QueryIdsAsync(store, new InstanceQuery { CustomStatusContains = "%" }));
        Assert.Equal(["cs-percent"], await this.QueryIdsAsync(store, new InstanceQuery { CustomStatusContains = "50%\"" }));
        Assert.Equal(["cs-underscore"], await this.QueryIdsAsync(store, new InstanceQuery { CustomStatusContains = "_" }));
        Assert.Equal(["cs-backslash"], await this.QueryIdsAsync(store, new InstanceQuery { CustomStatusContains = "\\" }));
        Assert.Equal(["cs-large"], await this.QueryIdsAsync(store, new InstanceQuery { CustomStatusContains = "needle" }));
        Assert.Equal(["cs-percent", "cs-underscore"], await this.QueryIdsAsync(store, new InstanceQuery { CustomStatusContains = "{\"st" }));
        Assert.Empty(await this.QueryIdsAsync(store, new InstanceQuery { CustomStatusContains = "congress", Statuses = [OrchestrationRuntimeStatus.Completed] }));
        Assert.Equal(6, (await store.QueryInstancesAsync(new InstanceQuery { CustomStatusContains = string.Empty }, this.Ct)).Instances.Count);
    }

    [Fact]
    public async Task CountInstances_CountsByStatus_UnderEveryFilter()
    {
        IOrchestrationStore store = await this.OpenStoreAsync();
        Assert.Empty(await store.CountInstancesAsync(new InstanceQuery(), this.Ct));
        (string Id, OrchestrationRuntimeStatus Status)[] instances =
        [
            ("c-1", OrchestrationRuntimeStatus.Running), ("c-2", OrchestrationRuntimeStatus.Running), ("c-3", OrchestrationRuntimeStatus.Completed),
            ("c-4", OrchestrationRuntimeStatus.Failed), ("c-5", OrchestrationRuntimeStatus.Pending), ("d-1", OrchestrationRuntimeStatus.Running),
        ];
        foreach ((string id, OrchestrationRuntimeStatus status) in instances)
        {
            await this.DriveToAsync(store, id, status);
        }

        IReadOnlyDictionary<OrchestrationRuntimeStatus, long> all = await store.CountInstancesAsync(new InstanceQuery { PageSize = 1, ContinuationToken = "ignored" }, this.Ct);
        IReadOnlyDictionary<OrchestrationRuntimeStatus, long> prefixed = await store.CountInstancesAsync(new InstanceQuery { InstanceIdPrefix = "c-" }, this.Ct);
        IReadOnlyDictionary<OrchestrationRuntimeStatus, long> running = await store.CountInstancesAsync(new InstanceQuery { Statuses = [OrchestrationRuntimeStatus.Running] }, this.Ct);

        Assert.Equal(new Dictionary<OrchestrationRuntimeStatus, long> { [OrchestrationRuntimeStatus.Running] = 3, [OrchestrationRuntimeStatus.Completed] = 1, [OrchestrationRuntimeStatus.Failed] = 1, [OrchestrationRuntimeStatus.Pending] = 1 }, all);
        Assert.Equal(2, prefixed[OrchestrationRuntimeStatus.Running]);
        Assert.Equal(5, prefixed.Values.Sum());
        Assert.Equal(new Dictionary<OrchestrationRuntimeStatus, long> { [OrchestrationRuntimeStatus.Running] = 3 }, running);
        Assert.Empty(await store.CountInstancesAsync(new InstanceQuery { Name = "NoSuchOrchestrator" }, this.Ct));
    }

    private static List<InstanceRecord> Sorted(IEnumerable<InstanceRecord> records, InstanceOrderBy orderBy, bool ascending)
    {
        // The expected order, computed independently of the store.
        Comparison<InstanceRecord> compare = orderBy switch
        {
            InstanceOrderBy.LastUpdatedTime => (a, b) => Compare(a.LastUpdatedAt.CompareTo(b.LastUpdatedAt), a, b),
            InstanceOrderBy.InstanceId => (a, b) => string.CompareOrdinal(a.InstanceId, b.InstanceId),
            InstanceOrderBy.Name => (a, b) =>
            {
                int byName = string.Compare(a.Name, b.Name, StringComparison.OrdinalIgnoreCase);
                return byName != 0 ? byName : Compare(a.CreatedAt.CompareTo(b.CreatedAt), a, b);
            },
            _ => (a, b) => Compare(a.CreatedAt.CompareTo(b.CreatedAt), a, b),
        };
        List<InstanceRecord> list = [.. records];
        list.Sort(ascending ? compare : (a, b) => compare(b, a));
        return list;

        static int Compare(int first, InstanceRecord a, InstanceRecord b) => first != 0 ? first : string.CompareOrdinal(a.InstanceId, b.InstanceId);
    }
}
