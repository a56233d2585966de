using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using Workflows.Durable;
using Workflows.Durable.Client;
using Workflows.Functions.Dashboard;

namespace Workflows.Functions.Tests.Dashboard;

/// <summary>The instance page's rendering of long histories.</summary>
public sealed class DashboardPageTests
{
    private static readonly DateTime T0 = new(2026, 3, 2, 9, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void A_long_history_lists_its_latest_events_with_a_link_to_all_of_them()
    {
        List<HistoryEvent> history = [.. Enumerable.Range(0, DashboardPage.HistoryRowLimit + 250).Select(i => new HistoryEvent
        {
            EventType = HistoryEventType.EventRaised,
            Name = $"event-{i}",
            Timestamp = T0.AddSeconds(i),
        })];
        var metadata = new OrchestrationMetadata("Long", "long/one") { RuntimeStatus = OrchestrationRuntimeStatus.Running };
        var model = new InstanceModel(metadata, history, null, new RaiseForm(null, null), T0.AddHours(1));

        IHtmlDocument latest = Render(model);
        IHtmlDocument all = Render(model with { AllHistory = true });

        string[] rows = [.. latest.QuerySelectorAll("table.history tbody tr td:nth-child(3)").Select(c => c.TextContent)];
        Assert.Equal(DashboardPage.HistoryRowLimit, rows.Length);
        Assert.Equal("event-250", rows[0]);
        Assert.Equal($"event-{DashboardPage.HistoryRowLimit + 249}", rows[^1]);
        Assert.Equal("/dashboard/instances/long%2Fone?history=all", latest.QuerySelector("[data-field=history-more] a")?.GetAttribute("href"));
        Assert.Equal(DashboardPage.HistoryRowLimit + 250, all.QuerySelectorAll("table.history tbody tr").Length);
        Assert.Null(all.QuerySelector("[data-field=history-more]"));
    }

    private static IHtmlDocument Render(InstanceModel model)
    {
        var page = new PageContext(new FormToken("token", "value"), null, OutboxActive: false, Refresh: false, CurrentUrl: "/dashboard/instances/long%2Fone");
        return new HtmlParser().ParseDocument(DashboardPage.Instance(model)(page));
    }
}
