using System.Net;
using AngleSharp.Dom;
using DurableTask.Core.History;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Workflows.Governance.Dashboard;
using Workflows.Governance.Proposals;
using Workflows.Functions.Tests.Approvals;
using Page = Workflows.Functions.Tests.Dashboard.DashboardBrowser.Page;

namespace Workflows.Functions.Tests.Dashboard;

/// <summary>The dashboard on a real engine: real proposals, pages read and forms posted as a browser does.</summary>
public sealed class DashboardTests(ApprovalPagesApp app) : IClassFixture<ApprovalPagesApp>
{
    [Theory]
    [InlineData("/dashboard")]
    [InlineData("/dashboard/proposals")]
    [InlineData("/dashboard/instances/anything?refresh=1")]
    [InlineData("/dashboard/assembly")]
    [InlineData("/dashboard/assembly/nominations/nr-1")]
    public async Task Every_page_redirects_to_sign_in_without_a_session(string url)
    {
        using var browser = new DashboardBrowser(app);

        Page page = await browser.GetAsync(url);

        Assert.Equal(HttpStatusCode.Redirect, page.Status);
        Assert.Equal($"/dashboard/signin?returnUrl={Uri.EscapeDataString(url)}", page.Location);
    }

    [Fact]
    public async Task An_action_without_a_session_is_redirected_and_changes_nothing()
    {
        string id = ApprovalPagesTests.NewId();
        await app.StartProposalAsync(id);
        using DashboardBrowser signedIn = await DashboardBrowser.SignedInAsync(app);
        Page instance = await signedIn.GetAsync($"/dashboard/instances/{id}");
        using var stranger = new DashboardBrowser(app);

        // A valid form token from another browser does not replace the session.
        Page result = await stranger.SubmitAsync(instance, "form[data-action=terminate]");

        Assert.Equal(HttpStatusCode.Redirect, result.Status);
        Assert.Equal("/dashboard/signin", result.Location);
        await Task.Delay(300);
        Assert.Equal(OrchestrationRuntimeStatus.Running, (await app.Client.GetInstanceAsync(id))!.RuntimeStatus);
    }

    [Fact]
    public async Task A_wrong_key_is_refused_and_starts_no_session()
    {
        using var browser = new DashboardBrowser(app);
        Page signIn = await browser.GetAsync("/dashboard/signin?returnUrl=%2Fdashboard%2Fproposals");
        Assert.Equal("signin", signIn.Name);
        Assert.Equal("password", signIn.Document.QuerySelector("input[name=key]")?.GetAttribute("type"));

        Page refused = await browser.SubmitAsync(signIn, "form", ("key", DashboardBrowser.AdminKey + "x"));
        Page almost = await browser.SubmitAsync(signIn, "form", ("key", DashboardBrowser.AdminKey[..^1]));

        foreach (Page page in new[] { refused, almost })
        {
            Assert.Equal(HttpStatusCode.Unauthorized, page.Status);
            Assert.Equal("That key is not valid.", page.Field("error"));
            Assert.False(page.Response.Headers.TryGetValues("Set-Cookie", out IEnumerable<string>? cookies)
                && cookies.Any(c => c.StartsWith("workflows_dashboard=", StringComparison.Ordinal)));
        }

        Assert.Equal(HttpStatusCode.Redirect, (await browser.GetAsync("/dashboard")).Status);
    }

    [Fact]
    public async Task After_too_many_wrong_keys_the_address_cannot_sign_in_even_with_the_right_key()
    {
        // An app of its own: the lock-out must not reach the other tests' sign-ins.
        var own = new ApprovalPagesApp();
        await own.InitializeAsync();
        try
        {
            using var guesser = new DashboardBrowser(own);
            Page signIn = await guesser.GetAsync("/dashboard/signin");
            for (int i = 0; i < SignInThrottle.MaxFailures; i++)
            {
                Assert.Equal(HttpStatusCode.Unauthorized, (await guesser.SubmitAsync(signIn, "form", ("key", $"guess-{i}"))).Status);
            }

            Page locked = await guesser.SubmitAsync(signIn, "form", ("key", DashboardBrowser.AdminKey));

            Assert.Equal(HttpStatusCode.TooManyRequests, locked.Status);
            Assert.StartsWith("Too many wrong keys were entered from this address", locked.Field("error"), StringComparison.Ordinal);
            Assert.Equal(HttpStatusCode.Redirect, (await guesser.GetAsync("/dashboard")).Status);
            Assert.DoesNotContain(own.Factory.Logs.Entries, e => e.Message.Contains(DashboardBrowser.AdminKey, StringComparison.Ordinal));
        }
        finally
        {
            await own.DisposeAsync();
        }
    }

    [Fact]
    public async Task Signing_in_without_the_anti_forgery_token_is_refused()
    {
        using var browser = new DashboardBrowser(app);
        await browser.GetAsync("/dashboard/signin");

        Page result = await browser.PostAsync("/dashboard/signin", [KeyValuePair.Create("key", DashboardBrowser.AdminKey)]);

        Assert.Equal(HttpStatusCode.BadRequest, result.Status);
        Assert.Equal(HttpStatusCode.Redirect, (await browser.GetAsync("/dashboard")).Status);
    }

    [Fact]
    public async Task The_right_key_sets_an_http_only_same_site_session_cookie_and_returns_to_the_page_asked_for()
    {
        using var browser = new DashboardBrowser(app);
        Page signIn = await browser.GetAsync("/dashboard/signin?returnUrl=%2Fdashboard%2Fproposals");

        Page result = await browser.SubmitAsync(signIn, "form", ("key", DashboardBrowser.AdminKey));

        Assert.Equal(HttpStatusCode.Redirect, result.Status);
        Assert.Equal("/dashboard/proposals", result.Location);
        string cookie = result.Response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("workflows_dashboard=", StringComparison.Ordinal));
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("path=/dashboard", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(DashboardBrowser.AdminKey, cookie, StringComparison.Ordinal);

        Page proposals = await browser.GetAsync("/dashboard/proposals");
        Assert.Equal(HttpStatusCode.OK, proposals.Status);
        Assert.Equal("proposals", proposals.Name);

        // Signing out ends the session.
        Page signedOut = await browser.SubmitAsync(proposals, "nav form");
        Assert.Equal("/dashboard/signin", signedOut.Location);
        Assert.Equal(HttpStatusCode.Redirect, (await browser.GetAsync("/dashboard")).Status);
    }

    [Fact]
    public async Task A_session_cookie_that_was_tampered_with_is_refused()
    {
        using DashboardBrowser browser = await DashboardBrowser.SignedInAsync(app);
        using var forger = new DashboardBrowser(app);
        forger.Http.DefaultRequestHeaders.Add("Cookie", "workflows_dashboard=CfDJ8forged-ticket");

        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/dashboard")).Status);
        Assert.Equal(HttpStatusCode.Redirect, (await forger.GetAsync("/dashboard")).Status);
    }

    [Fact]
    public async Task The_list_shows_a_started_instance_filters_by_status_and_counts_by_status()
    {
        string id = ApprovalPagesTests.NewId();
        await app.StartProposalAsync(id);
        using DashboardBrowser browser = await DashboardBrowser.SignedInAsync(app);

        Page list = await browser.GetAsync($"/dashboard?prefix={id}");
        Page running = await browser.GetAsync($"/dashboard?prefix={id}&status=Running&status=Suspended");
        Page completed = await browser.GetAsync($"/dashboard?prefix={id}&status=Completed&status=Terminated");
        Page byName = await browser.GetAsync($"/dashboard?prefix={id}&name=NoSuchOrchestrator");
        Page byCustom = await browser.GetAsync($"/dashboard?prefix={id}&custom=pending");
        Page byOtherCustom = await browser.GetAsync($"/dashboard?prefix={id}&custom=no-such-text");

        Assert.Equal("instances", list.Name);
        IElement row = list.Document.QuerySelector($"tr[data-instance='{id}']")!;
        Assert.NotNull(row);
        Assert.Equal($"/dashboard/instances/{id}", row.QuerySelector("a")?.GetAttribute("href"));
        Assert.Equal(nameof(ProposalOrchestrator), row.Children[1].TextContent);
        Assert.Equal("Running", row.QuerySelector("[data-field=status]")?.TextContent);
        Assert.Equal("1", list.Document.QuerySelector("[data-status=Running] [data-field=count]")?.TextContent);
        Assert.Equal("0", list.Document.QuerySelector("[data-status=Terminated] [data-field=count]")?.TextContent);

        Assert.NotNull(running.Document.QuerySelector($"tr[data-instance='{id}']"));
        Assert.True(running.Document.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("input[name=status][value=Running]")!.IsChecked);
        Assert.Null(completed.Document.QuerySelector($"tr[data-instance='{id}']"));
        Assert.Equal("No instances match.", completed.Field("empty"));
        Assert.Null(byName.Document.QuerySelector($"tr[data-instance='{id}']"));
        Assert.NotNull(byCustom.Document.QuerySelector($"tr[data-instance='{id}']"));
        Assert.Null(byOtherCustom.Document.QuerySelector($"tr[data-instance='{id}']"));

        // Counts follow every filter but the status, the custom-status text included.
        Assert.Equal("1", byCustom.Document.QuerySelector("[data-status=Running] [data-field=count]")?.TextContent);
        Assert.Equal("0", byOtherCustom.Document.QuerySelector("[data-status=Running] [data-field=count]")?.TextContent);
        Assert.Equal("1", running.Field("total"));

        // The work due in the store and not yet taken (counted by the store contract tests) is shown.
        Assert.Matches("^[0-9,]+$", list.Field("backlog-messages"));
        Assert.Matches("^[0-9,]+$", list.Field("backlog-activities"));
    }

    [Fact]
    public async Task Column_headers_sort_the_list_both_ways_and_paging_keeps_the_order()
    {
        string prefix = ApprovalPagesTests.NewId();
        foreach (string suffix in new[] { "-b", "-c", "-a" })
        {
            await app.StartProposalAsync(prefix + suffix);
        }

        using DashboardBrowser browser = await DashboardBrowser.SignedInAsync(app);
        static string[] Rows(Page page) => [.. page.Document.QuerySelectorAll("tr[data-instance]").Select(r => r.GetAttribute("data-instance")![^2..])];

        Page newestFirst = await browser.GetAsync($"/dashboard?prefix={prefix}");
        Page byId = await browser.GetAsync(newestFirst.Document.QuerySelector("a[data-sort=id]")!.GetAttribute("href")!);
        Page byIdDescending = await browser.GetAsync(byId.Document.QuerySelector("a[data-sort=id]")!.GetAttribute("href")!);
        Page oldestFirst = await browser.GetAsync($"/dashboard?prefix={prefix}&sort=created&dir=asc");
        Page byUpdate = await browser.GetAsync($"/dashboard?prefix={prefix}&sort=updated");

        Assert.Equal(["-a", "-c", "-b"], Rows(newestFirst));
        Assert.Equal("descending", newestFirst.Document.QuerySelector("th:has(a[data-sort=created])")?.GetAttribute("aria-sort"));
        Assert.Equal(["-a", "-b", "-c"], Rows(byId));
        Assert.Equal("ascending", byId.Document.QuerySelector("th:has(a[data-sort=id])")?.GetAttribute("aria-sort"));
        Assert.Null(byId.Document.QuerySelector("th:has(a[data-sort=created])")?.GetAttribute("aria-sort"));
        Assert.Equal(["-c", "-b", "-a"], Rows(byIdDescending));
        Assert.Equal(["-b", "-c", "-a"], Rows(oldestFirst));
        Assert.Equal(3, Rows(byUpdate).Length);

        // The next page's link carries the order its token belongs to; a new filter keeps the order too.
        Page first = await browser.GetAsync($"/dashboard?prefix={prefix}&sort=id&dir=asc&size=2");
        Page second = await browser.GetAsync(first.Document.QuerySelector("a[rel=next]")!.GetAttribute("href")!);
        Assert.Equal(["-a", "-b"], Rows(first));
        Assert.Equal(["-c"], Rows(second));
        Assert.Equal("id", first.Document.QuerySelector("form.filters input[name=sort]")?.GetAttribute("value"));
        Assert.Equal("asc", first.Document.QuerySelector("form.filters input[name=dir]")?.GetAttribute("value"));
    }

    [Theory]
    [InlineData("sort=status", "'status' is not a column the list sorts by")]
    [InlineData("sort=id&dir=up", "'up' is not a sort direction")]
    [InlineData("sort=name&token=bm90LWEtdG9rZW4", "The instances could not be listed")]
    public async Task A_bad_order_or_token_is_refused_with_a_readable_message(string query, string message)
    {
        using DashboardBrowser browser = await DashboardBrowser.SignedInAsync(app);

        Page page = await browser.GetAsync($"/dashboard?{query}");

        Assert.Equal(HttpStatusCode.BadRequest, page.Status);
        Assert.Contains(message, page.Field("error"), StringComparison.Ordinal);
        Assert.Empty(page.Document.QuerySelectorAll("tr[data-instance]"));
    }

    [Fact]
    public async Task The_list_pages_with_the_continuation_token_and_refuses_a_bad_time()
    {
        string prefix = ApprovalPagesTests.NewId();
        await app.StartProposalAsync(prefix + "-a");
        await app.StartProposalAsync(prefix + "-b");
        using DashboardBrowser browser = await DashboardBrowser.SignedInAsync(app);

        Page first = await browser.GetAsync($"/dashboard?prefix={prefix}&size=1");
        string next = first.Document.QuerySelector("a[rel=next]")?.GetAttribute("href")!;
        Page second = await browser.GetAsync(next);
        Page bad = await browser.GetAsync($"/dashboard?prefix={prefix}&from=yesterday");

        string[] ids = [.. first.Document.QuerySelectorAll("tr[data-instance]").Concat(second.Document.QuerySelectorAll("tr[data-instance]")).Select(r => r.GetAttribute("data-instance")!).Order()];
        Assert.Equal([prefix + "-a", prefix + "-b"], ids);
        Assert.Equal(HttpStatusCode.BadRequest, bad.Status);
        Assert.Contains("'created from' time 'yesterday' is not a date", bad.Field("error"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_instance_page_shows_input_custom_status_history_rows_timeline_bars_and_the_outbox_link()
    {
        string id = ApprovalPagesTests.NewId();
        ProposalInput proposal = await app.StartProposalAsync(id);
        using DashboardBrowser browser = await DashboardBrowser.SignedInAsync(app);

        // Once the chair's request is sent and the round waits on its reminder timer, the instance is idle: the page and
        // the history agree.
        await app.WaitForHistoryAsync(id, h => h.OfType<TaskCompletedEvent>().Any() && h.LastOrDefault() is OrchestratorCompletedEvent && h.OfType<TimerCreatedEvent>().Any());
        Page page = await browser.GetAsync($"/dashboard/instances/{id}");

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Equal("instance", page.Name);
        Assert.Equal(id, page.Field("instance-id"));
        Assert.Equal("Running", page.Field("status"));
        Assert.Contains("\"Summary\": \"Move diabetes follow-up from the hospital to community clinics.\\nSecond line", page.Field("input"), StringComparison.Ordinal);
        Assert.Contains($"\"Stage\": {(int)ProposalStage.CommitteeSignOff},", page.Field("custom-status"), StringComparison.Ordinal);
        Assert.Contains($"\"Title\": \"Community diabetes service <{id}> & \\\"redesign\\\"\",", page.Field("custom-status"), StringComparison.Ordinal);

        IList<HistoryEvent> history = await app.Client.GetOrchestrationHistoryAsync(id);
        string[] rows = [.. page.Document.QuerySelectorAll("table.history tbody tr").Select(r => r.GetAttribute("data-event")!)];
        Assert.Equal(history.Select(e => e.EventType.ToString()), rows);
        Assert.Equal(nameof(EventType.ExecutionStarted), rows.First(r => r != nameof(EventType.OrchestratorStarted)));
        Assert.Contains(nameof(EventType.TaskScheduled), rows);

        int activities = history.Count(e => e is TaskScheduledEvent);
        int timers = history.Count(e => e is TimerCreatedEvent);
        Assert.True(activities > 0);
        Assert.Equal(activities + timers + history.Count(e => e is SubOrchestrationInstanceCreatedEvent), page.Document.QuerySelectorAll("svg.timeline rect.bar").Length);
        IHtmlCollection<IElement> timerBars = page.Document.QuerySelectorAll("svg.timeline g[data-kind=timer]");
        IElement reminder = timerBars[timerBars.Length - 1];
        Assert.Equal("waiting", reminder.GetAttribute("data-outcome"));
        Assert.Equal(activities, page.Document.QuerySelectorAll("svg.timeline g[data-kind=activity]").Length);
        Assert.Contains(nameof(SendApprovalEmailActivity), page.Document.QuerySelector("svg.timeline g[data-kind=activity] text")?.TextContent, StringComparison.Ordinal);

        string[] actions = [.. page.Document.QuerySelectorAll("form[data-action]").Select(f => f.GetAttribute("data-action")!)];
        Assert.Equal(["raise", "terminate", "suspend", "resume", "rewind", "restart", "purge"], actions);
        Assert.All(page.Document.QuerySelectorAll("form[data-action]"), f => Assert.False(string.IsNullOrEmpty(f.GetAttribute("data-confirm"))));
        Assert.Equal("/dev/outbox", page.Document.QuerySelector("nav a[data-field=outbox]")?.GetAttribute("href"));
        Assert.Contains("script-src 'sha256-", string.Join(";", page.Response.Headers.GetValues("Content-Security-Policy")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Terminate_from_the_page_terminates_the_instance_and_without_anti_forgery_is_refused()
    {
        string id = ApprovalPagesTests.NewId();
        await app.StartProposalAsync(id);
        using DashboardBrowser browser = await DashboardBrowser.SignedInAsync(app);
        Page page = await browser.GetAsync($"/dashboard/instances/{id}");

        Page forged = await browser.PostAsync($"/dashboard/instances/{id}/terminate", [KeyValuePair.Create("reason", "forged")]);
        Assert.Equal(HttpStatusCode.BadRequest, forged.Status);
        Assert.Contains("nothing was changed", forged.Field("error"), StringComparison.Ordinal);
        await Task.Delay(300);
        Assert.Equal(OrchestrationRuntimeStatus.Running, (await app.Client.GetInstanceAsync(id))!.RuntimeStatus);

        Page result = await browser.SubmitAsync(page, "form[data-action=terminate]", ("reason", "Entered twice by mistake."));
        Assert.Equal(HttpStatusCode.Redirect, result.Status);
        Assert.Equal($"/dashboard/instances/{id}", result.Location);

        OrchestrationMetadata done = await app.WaitForCompletionAsync(id);
        Assert.Equal(OrchestrationRuntimeStatus.Terminated, done.RuntimeStatus);
        Page after = await browser.GetAsync(result.Location!);
        Assert.Equal("The instance was asked to terminate.", after.Field("flash"));
        Assert.Equal("Terminated", after.Field("status"));
        Assert.Null((await browser.GetAsync(result.Location!)).Field("flash"));
        Page terminated = await browser.GetAsync($"/dashboard?prefix={id}&status=Terminated");
        Assert.NotNull(terminated.Document.QuerySelector($"tr[data-instance='{id}']"));
    }

    [Fact]
    public async Task An_instance_id_with_slashes_percent_signs_and_query_characters_has_working_links_and_actions()
    {
        string id = ApprovalPagesTests.NewId() + "/2026 50%?x=1#é/";
        await app.StartProposalAsync(id);
        using DashboardBrowser browser = await DashboardBrowser.SignedInAsync(app);

        Page list = await browser.GetAsync($"/dashboard?prefix={Uri.EscapeDataString(id)}");
        string href = list.Document.QuerySelector("tr[data-instance] a")!.GetAttribute("href")!;
        Page page = await browser.GetAsync(href);

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Equal(id, page.Field("instance-id"));
        Page result = await browser.SubmitAsync(page, "form[data-action=terminate]", ("reason", "Odd id."));
        Assert.Equal(HttpStatusCode.Redirect, result.Status);
        Assert.Equal(href, result.Location);
        Assert.Equal(OrchestrationRuntimeStatus.Terminated, (await app.WaitForCompletionAsync(id)).RuntimeStatus);
        Assert.Equal("Terminated", (await browser.GetAsync(result.Location!)).Field("status"));
    }

    [Fact]
    public async Task Raising_an_event_with_invalid_json_shows_an_error_and_raises_nothing()
    {
        string id = ApprovalPagesTests.NewId();
        await app.StartProposalAsync(id);
        using DashboardBrowser browser = await DashboardBrowser.SignedInAsync(app);
        Page page = await browser.GetAsync($"/dashboard/instances/{id}");

        Page invalid = await browser.SubmitAsync(page, "form[data-action=raise]", ("eventName", ProposalEvents.Decision), ("payload", "{\"decision\": Approve"));
        Page unnamed = await browser.SubmitAsync(page, "form[data-action=raise]", ("eventName", " "), ("payload", "{}"));

        Assert.Equal(HttpStatusCode.BadRequest, invalid.Status);
        Assert.Equal("instance", invalid.Name);
        Assert.StartsWith("The payload is not valid JSON", invalid.Field("error"), StringComparison.Ordinal);
        Assert.Equal("{\"decision\": Approve", invalid.Document.QuerySelector("form[data-action=raise] textarea[name=payload]")?.TextContent);
        Assert.Equal(HttpStatusCode.BadRequest, unnamed.Status);
        Assert.Equal("Enter the event's name; nothing was raised.", unnamed.Field("error"));
        await Task.Delay(300);
        Assert.Equal(0, await app.RaisedEventsAsync(id));
        Assert.Equal(ProposalStage.CommitteeSignOff, (await app.StatusAsync(id)).Stage);

        // A valid one is raised.
        Page raised = await browser.SubmitAsync(page, "form[data-action=raise]", ("eventName", "dashboard-test"), ("payload", "{\"n\": 1}"));
        Assert.Equal(HttpStatusCode.Redirect, raised.Status);
        Assert.Equal("Event 'dashboard-test' was raised.", (await browser.GetAsync(raised.Location!)).Field("flash"));
    }

    [Fact]
    public async Task The_proposals_board_shows_a_bodys_approval()
    {
        const string Body = "east-staffordshire-ccg";
        string id = ApprovalPagesTests.NewId();
        ProposalInput proposal = await app.StartProposalAsync(id);
        using HttpClient approver = app.Browser();
        Assert.Equal("recorded", (await ApprovalPagesApp.ConfirmAsync(approver, await ApprovalPagesApp.OpenAsync(approver, await app.TokenAsync(proposal, "committee", ApprovalDecision.Approve)))).Name);
        await app.WaitForProposalAsync(id, s => s.Stage == ProposalStage.Congress);
        Assert.Equal("recorded", (await ApprovalPagesApp.ConfirmAsync(approver, await ApprovalPagesApp.OpenAsync(approver, await app.TokenAsync(proposal, "congress", ApprovalDecision.Refer)))).Name);
        await app.WaitForProposalAsync(id, s => s.Stage == ProposalStage.GoverningBodies);
        using DashboardBrowser browser = await DashboardBrowser.SignedInAsync(app);
        Page before = await browser.GetAsync("/dashboard/proposals");

        Assert.Equal("recorded", (await ApprovalPagesApp.ConfirmAsync(approver, await ApprovalPagesApp.OpenAsync(approver, await app.TokenAsync(proposal, Body, ApprovalDecision.Approve)))).Name);
        await app.WaitForCustomStatusAsync<ParticipantStatus>(GoverningBodyApprovalOrchestrator.InstanceIdFor(id, Body), s => s.State == ParticipantState.Approved);
        Page after = await browser.GetAsync("/dashboard/proposals");

        string card = $"section[data-stage=GoverningBodies] article[data-proposal='{id}']";
        Assert.Equal("pending", before.Document.QuerySelector($"{card} tr[data-body='{Body}'] [data-field=state]")?.TextContent);
        Assert.Equal("approved", after.Document.QuerySelector($"{card} tr[data-body='{Body}'] [data-field=state]")?.TextContent);
        Assert.Equal("approved", after.Document.QuerySelector($"{card} tr[data-body=committee] [data-field=state]")?.TextContent);
        Assert.Equal(proposal.Plan.Bodies.Count + 2, after.Document.QuerySelectorAll($"{card} tr[data-body]").Length);
        Assert.Equal(proposal.Title, after.Document.QuerySelector($"{card} h3")?.TextContent);
        Assert.DoesNotContain("<" + id + ">", after.Html, StringComparison.Ordinal);
    }
}
