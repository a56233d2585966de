using AngleSharp.Html.Dom;
using DurableTask.Core.History;
using Microsoft.DurableTask.Client;
using Workflows.DurableTask.Queries;
using Workflows.Governance.Dashboard;
using Workflows.Governance.Dashboard.Pages;
using Workflows.Governance.Pages;

namespace Workflows.Functions.Tests.Dashboard;

/// <summary>The instance page's rendering of long histories.</summary>
public sealed class DashboardPageTests
{
    private static readonly DateTime T0 = new(2026, 3, 2, 9, 0, 0, DateTimeKind.Utc);

    [Fact]
    public async Task A_long_history_lists_its_latest_events_with_a_link_to_all_of_them()
    {
        List<HistoryEvent> history = [.. Enumerable.Range(0, DashboardPage.HistoryRowLimit + 250).Select(i => new EventRaisedEvent(-1, null)
        {
            Name = $"event-{i}",
            Timestamp = T0.AddSeconds(i),
        })];
        var metadata = new OrchestrationMetadata("Long", "long/one") { RuntimeStatus = OrchestrationRuntimeStatus.Running };
        var model = new InstanceModel(metadata, history, null, new RaiseForm(null, null), T0.AddHours(1));

        IHtmlDocument latest = await RenderAsync(model);
        IHtmlDocument all = await RenderAsync(model with { AllHistory = true });

        string[] rows = [.. latest.QuerySelectorAll("table.history tbody tr td:nth-child(3)").Select(c => c.TextContent)];
        Assert.Equal(DashboardPage.HistoryRowLimit, rows.Length);
        Assert.Equal("event-250", rows[0]);
        Assert.Equal($"event-{DashboardPage.HistoryRowLimit + 249}", rows[^1]);
        Assert.Equal("/dashboard/instances/long%2Fone?history=all", latest.QuerySelector("[data-field=history-more] a")?.GetAttribute("href"));
        Assert.Equal(DashboardPage.HistoryRowLimit + 250, all.QuerySelectorAll("table.history tbody tr").Length);
        Assert.Null(all.QuerySelector("[data-field=history-more]"));
    }

    [Fact]
    public async Task On_a_store_without_orders_counts_or_backlog_the_list_says_so_and_offers_none_of_them()
    {
        var model = new InstancesModel
        {
            Filter = new InstanceFilter(),
            Errors = [],
            Capabilities = InstanceQueryCapabilities.None,
            Instances = [new OrchestrationMetadata("ProposalOrchestrator", "p-1") { RuntimeStatus = OrchestrationRuntimeStatus.Running }],
        };

        IHtmlDocument page = await RenderListAsync(model);

        Assert.Empty(page.QuerySelectorAll("a[data-sort]"));
        Assert.Equal(["Instance", "Orchestrator", "Status", "Created", "Last updated"], page.QuerySelectorAll("table[data-field=instances] thead th").Select(h => h.TextContent));
        Assert.Contains("sorting is not available", page.QuerySelector("[data-field=sort-unavailable]")?.TextContent, StringComparison.Ordinal);
        Assert.Contains("not available on this store", page.QuerySelector("[data-field=counts-unavailable]")?.TextContent, StringComparison.Ordinal);
        Assert.Contains("not available on this store", page.QuerySelector("[data-field=backlog-unavailable]")?.TextContent, StringComparison.Ordinal);
        Assert.Empty(page.QuerySelectorAll("[data-field=count]"));
        Assert.Null(page.QuerySelector("input[name=name]"));
        Assert.Null(page.QuerySelector("input[name=custom]"));
        Assert.Equal("p-1", page.QuerySelector("tr[data-instance]")?.GetAttribute("data-instance"));
    }

    [Fact]
    public async Task On_a_store_that_sorts_only_by_creation_only_that_header_sorts()
    {
        var model = new InstancesModel
        {
            Filter = new InstanceFilter(),
            Errors = [],
            Capabilities = InstanceQueryCapabilities.OrderByCreatedTime | InstanceQueryCapabilities.CountByStatus,
        };
        model.Counts[OrchestrationRuntimeStatus.Running] = 3;

        IHtmlDocument page = await RenderListAsync(model);

        Assert.Equal(["created"], page.QuerySelectorAll("a[data-sort]").Select(a => a.GetAttribute("data-sort")));
        Assert.Null(page.QuerySelector("[data-field=sort-unavailable]"));
        Assert.Equal("3", page.QuerySelector("[data-status=Running] [data-field=count]")?.TextContent);
    }

    private static Task<IHtmlDocument> RenderListAsync(InstancesModel model)
    {
        var page = new PageContext(new PageFormToken("token", "value"), null, OutboxActive: false, Refresh: false, CurrentUrl: "/dashboard");
        return DashboardRender.DocumentAsync<InstancesPage>((nameof(InstancesPage.Model), model), (nameof(InstancesPage.Session), page));
    }

    private static Task<IHtmlDocument> RenderAsync(InstanceModel model)
    {
        var page = new PageContext(new PageFormToken("token", "value"), null, OutboxActive: false, Refresh: false, CurrentUrl: "/dashboard/instances/long%2Fone");
        return DashboardRender.DocumentAsync<InstancePage>((nameof(InstancePage.Model), model), (nameof(InstancePage.Session), page));
    }
}
