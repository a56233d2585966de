using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using Microsoft.DurableTask.Client;
using Workflows.Governance.Proposals;
using Workflows.Functions.Tests.Approvals;

namespace Workflows.Functions.Tests.Browser;

/// <summary>The dashboard and the approval pages in a real browser (Debian's chromium through Playwright) against the app
/// on Kestrel: what an operator and an approver click, with the page's own scripts, styles and content security policy.</summary>
public sealed class DashboardInBrowserTests(BrowserApp browser) : IClassFixture<BrowserApp>
{
    private const string Body = "east-staffordshire-ccg";

    [Fact]
    public async Task Signing_in_shows_a_started_instance_in_the_list_and_the_status_filter_narrows_it()
    {
        string id = ApprovalPagesTests.NewId();
        await browser.App.StartProposalAsync(id);
        IPage page = await browser.NewPageAsync();

        await BrowserApp.SignInAsync(page);

        Assert.Equal("instances", await page.GetAttributeAsync("main", "data-page"));
        ILocator row = page.Locator($"tr[data-instance='{id}']");
        Assert.Equal(1, await row.CountAsync());
        Assert.Equal("Running", (await row.Locator("[data-field=status]").TextContentAsync())?.Trim());
        Assert.NotEqual("0", (await page.Locator("[data-field=counts] a[data-status=Running] [data-field=count]").TextContentAsync())?.Trim());
        await BrowserApp.ScreenshotAsync(page, "dashboard-instances");

        await page.CheckAsync("form.filters input[name=status][value=Completed]");
        await page.ClickAsync("form.filters button[type=submit]");
        await BrowserApp.WaitForPageAsync(page, url => url.Contains("status=Completed", StringComparison.Ordinal));
        Assert.Equal(0, await page.Locator($"tr[data-instance='{id}']").CountAsync());
        Assert.True(await page.IsCheckedAsync("form.filters input[name=status][value=Completed]"));
        await BrowserApp.ScreenshotAsync(page, "dashboard-instances-completed");

        await page.UncheckAsync("form.filters input[name=status][value=Completed]");
        await page.CheckAsync("form.filters input[name=status][value=Running]");
        await page.ClickAsync("form.filters button[type=submit]");
        await BrowserApp.WaitForPageAsync(page, url => url.Contains("status=Running", StringComparison.Ordinal));
        Assert.Equal(1, await page.Locator($"tr[data-instance='{id}']").CountAsync());
        Assert.All(await page.Locator("table[data-field=instances] [data-field=status]").AllTextContentsAsync(), s => Assert.Equal("Running", s.Trim()));
    }

    [Fact]
    public async Task The_instance_page_shows_history_and_timeline_and_terminate_terminates_after_confirmation()
    {
        string id = ApprovalPagesTests.NewId();
        await browser.App.StartProposalAsync(id);
        IPage page = await browser.NewPageAsync();
        await BrowserApp.SignInAsync(page);

        await page.ClickAsync($"tr[data-instance='{id}'] a");

        Assert.Equal("instance", await page.GetAttributeAsync("main", "data-page"));
        Assert.Equal(id, (await page.Locator("[data-field=instance-id]").TextContentAsync())?.Trim());
        Assert.Equal(1, await page.Locator("table.history tr[data-event=ExecutionStarted]").CountAsync());
        Assert.True(await page.Locator("table.history tr[data-event=TaskScheduled]").CountAsync() >= 1);
        ILocator spans = page.Locator("svg.timeline g.span");
        Assert.True(await spans.CountAsync() >= 1);
        Assert.True(await page.Locator("svg.timeline").IsVisibleAsync());
        Assert.True((await page.Locator("svg.timeline").BoundingBoxAsync())!.Width > 100);
        await BrowserApp.ScreenshotAsync(page, "dashboard-instance");

        await page.FillAsync("form[data-action=terminate] input[name=reason]", "Raised in error.");
        await page.ClickAsync("form[data-action=terminate] button[type=submit]");

        await page.WaitForSelectorAsync("[data-field=flash]");
        Assert.Equal("The instance was asked to terminate.", (await page.Locator("[data-field=flash]").TextContentAsync())?.Trim());
        await BrowserApp.ReloadUntilAsync(page, "[data-field=status]", "Terminated");
        Assert.Equal(OrchestrationRuntimeStatus.Terminated, (await browser.App.Client.GetInstanceAsync(id))!.RuntimeStatus);
        Assert.Contains("Raised in error.", await page.Locator("table.history tr[data-event=ExecutionTerminated]").TextContentAsync(), StringComparison.Ordinal);
        await BrowserApp.ScreenshotAsync(page, "dashboard-instance-terminated");
    }

    [Fact]
    public async Task An_instance_whose_id_holds_slashes_and_escapes_opens_from_the_list()
    {
        // A literal "%2F" too: only the raw request target tells it from an escaped slash.
        string id = ApprovalPagesTests.NewId() + "/minutes %2F 50%?#é";
        await browser.App.StartProposalAsync(id);
        IPage page = await browser.NewPageAsync();
        await BrowserApp.SignInAsync(page, "/dashboard?prefix=" + Uri.EscapeDataString(id));

        await page.ClickAsync("table[data-field=instances] tr[data-instance] a");

        Assert.Equal("instance", await page.GetAttributeAsync("main", "data-page"));
        Assert.Equal(id, (await page.Locator("[data-field=instance-id]").TextContentAsync())?.Trim());
        await page.ClickAsync("form[data-action=suspend] button[type=submit]");
        await BrowserApp.ReloadUntilAsync(page, "[data-field=status]", "Suspended");
        Assert.Equal(OrchestrationRuntimeStatus.Suspended, (await browser.App.Client.GetInstanceAsync(id))!.RuntimeStatus);
    }

    [Fact]
    public async Task Auto_refresh_shows_an_instance_started_after_the_page_was_loaded()
    {
        string prefix = ApprovalPagesTests.NewId();
        IPage page = await browser.NewPageAsync();
        await BrowserApp.SignInAsync(page, $"/dashboard?prefix={prefix}");
        Assert.Equal(1, await page.Locator("[data-field=empty]").CountAsync());

        await page.ClickAsync("nav a[data-field=refresh]");
        await BrowserApp.WaitForPageAsync(page, url => url.Contains("refresh=1", StringComparison.Ordinal));
        Assert.Equal("Stop auto-refresh", (await page.Locator("nav a[data-field=refresh]").TextContentAsync())?.Trim());
        await browser.App.StartProposalAsync(prefix + "-late");

        // The page reloads itself (every 10 s); nobody clicks.
        await page.WaitForSelectorAsync($"tr[data-instance='{prefix}-late']", new PageWaitForSelectorOptions { Timeout = 30_000 });
        Assert.Contains($"prefix={prefix}", page.Url, StringComparison.Ordinal);
        await BrowserApp.ScreenshotAsync(page, "dashboard-instances-auto-refresh");
    }

    [Fact]
    public async Task Every_page_passes_the_axe_accessibility_checks()
    {
        string id = ApprovalPagesTests.NewId();
        ProposalInput proposal = await browser.App.StartProposalAsync(id);
        IPage page = await browser.NewPageAsync();
        var failures = new List<string>();

        // The approver's pages first: the confirmation, then the recorded decision.
        await page.GotoAsync("/approvals/" + await browser.App.TokenAsync(proposal, "committee", ApprovalDecision.Approve));
        await CheckAsync(page, failures);
        await page.ClickAsync("form button[type=submit]");
        await page.WaitForSelectorAsync("main[data-page=recorded]");
        await CheckAsync(page, failures);

        await page.GotoAsync("/dashboard/signin");
        await CheckAsync(page, failures);
        await BrowserApp.SignInAsync(page);
        foreach (string url in new[] { "/dashboard", $"/dashboard?prefix={id}&status=Running&sort=name", $"/dashboard/instances/{id}", "/dashboard/proposals", "/dev/outbox" })
        {
            await page.GotoAsync(url);
            await CheckAsync(page, failures);
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Fact]
    public async Task Cancelling_the_confirmation_terminates_nothing()
    {
        string id = ApprovalPagesTests.NewId();
        await browser.App.StartProposalAsync(id);

        // An operator who clicks Cancel in the confirmation dialog.
        IBrowserContext context = await browser.NewContextAsync();
        IPage cautious = await context.NewPageAsync();
        var dismissed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        cautious.Dialog += async (_, dialog) =>
        {
            await dialog.DismissAsync();
            dismissed.TrySetResult();
        };
        await BrowserApp.SignInAsync(cautious, $"/dashboard/instances/{id}");
        await cautious.ClickAsync("form[data-action=terminate] button[type=submit]");

        // The form posts only if the dialog is accepted: once it is dismissed, the page is the one it was.
        await dismissed.Task.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.EndsWith($"/dashboard/instances/{id}", new Uri(cautious.Url).AbsolutePath, StringComparison.Ordinal);

        Assert.Equal(0, await cautious.Locator("[data-field=flash]").CountAsync());
        Assert.Equal(OrchestrationRuntimeStatus.Running, (await browser.App.Client.GetInstanceAsync(id))!.RuntimeStatus);
    }

    [Fact]
    public async Task The_proposals_board_shows_a_bodys_approval_after_its_emailed_link_is_followed()
    {
        string id = ApprovalPagesTests.NewId();
        ProposalInput proposal = await browser.App.StartProposalAsync(id);
        IPage page = await browser.NewPageAsync();

        // The committee approves and the congress refers the proposal to every member body, through their emailed links.
        await DecideFromOutboxAsync(page, proposal.Plan.Committee.Approver.Email, id, "Approve");
        await browser.App.WaitForProposalAsync(id, s => s.Stage == ProposalStage.Congress);
        await DecideFromOutboxAsync(page, proposal.Plan.Congress.Approver.Email, id, "Refer");
        await browser.App.WaitForProposalAsync(id, s => s.Stage == ProposalStage.GoverningBodies);
        ParticipantPlan body = proposal.Plan.Bodies.Single(b => b.Id == Body);
        await browser.App.WaitForCustomStatusAsync<ParticipantStatus>(GoverningBodyApprovalOrchestrator.InstanceIdFor(id, Body), s => s.State == ParticipantState.Pending);

        await BrowserApp.SignInAsync(page, "/dashboard/proposals");
        string cell = $"article[data-proposal='{id}'] tr[data-body='{Body}'] [data-field=state]";
        Assert.Equal("pending", (await page.Locator(cell).TextContentAsync())?.Trim());

        await DecideFromOutboxAsync(page, body.Approver.Email, id, "Approve");
        await BrowserApp.ScreenshotAsync(page, "approval-recorded");

        await page.GotoAsync("/dashboard/proposals");
        await BrowserApp.ReloadUntilAsync(page, cell, "approved");
        Assert.Equal(1, await page.Locator($"section[data-stage=GoverningBodies] article[data-proposal='{id}']").CountAsync());
        await BrowserApp.ScreenshotAsync(page, "dashboard-proposals");

        // What a card shows stays inside its stage's column (scrolling within the card), however wide its matrix of bodies.
        foreach (ILocator card in await page.Locator("section.column article.card").AllAsync())
        {
            LocatorBoundingBoxResult column = (await card.Locator("xpath=ancestor::section[1]").BoundingBoxAsync())!;
            LocatorBoundingBoxResult shown = (await card.BoundingBoxAsync())!;
            Assert.True(shown.X + shown.Width <= column.X + column.Width + 1, $"A card ends at {shown.X + shown.Width:F0}px, past its column's edge at {column.X + column.Width:F0}px.");
            Assert.True(await card.EvaluateAsync<bool>("c => c.scrollWidth <= c.clientWidth || getComputedStyle(c).overflowX === 'auto'"), "A card's matrix spills out of it.");
        }
    }

    /// <summary>Runs axe on the page and adds each violation, with the elements it found, to <paramref name="failures"/>.</summary>
    private static async Task CheckAsync(IPage page, List<string> failures)
    {
        // Not into frames: the outbox shows each email in a sandboxed frame without scripts, which axe cannot enter.
        Task<AxeResult> run = page.RunAxe(new AxeRunOptions { Iframes = false });
        if (await Task.WhenAny(run, Task.Delay(TimeSpan.FromSeconds(30))) != run)
        {
            failures.Add($"{page.Url}: axe did not finish within 30 s");
            return;
        }

        AxeResult result = await run;
        foreach (AxeResultItem violation in result.Violations)
        {
            string targets = string.Join(", ", violation.Nodes.Take(3).Select(n => n.Target?.ToString()));
            failures.Add($"{page.Url}: {violation.Id} ({violation.Impact}): {violation.Help} at {targets}");
        }
    }

    /// <summary>Opens the newest decision email to <paramref name="email"/> about the proposal in the outbox, follows its
    /// <paramref name="decision"/> link and confirms on the page it opens.</summary>
    private static async Task DecideFromOutboxAsync(IPage page, string email, string proposalId, string decision)
    {
        string messageId = await FindEmailAsync(page, email, proposalId);
        await page.GotoAsync($"/dev/outbox/{messageId}");
        await BrowserApp.ScreenshotAsync(page, "outbox-email");
        await page.ClickAsync($"a:text-is('{decision}')");
        Assert.Equal("confirm", await page.GetAttributeAsync("main", "data-page"));
        await BrowserApp.ScreenshotAsync(page, "approval-confirm");
        await page.ClickAsync("form button[type=submit]");
        await page.WaitForSelectorAsync("main[data-page=recorded]");
    }

    private static Task<string> FindEmailAsync(IPage page, string email, string proposalId) =>
        OutboxLinks.FindAsync(
            page,
            email,
            m => m.GetProperty("subject").GetString()!.StartsWith("Decision needed", StringComparison.Ordinal)
                && m.GetProperty("idempotencyKey").GetString()!.StartsWith(proposalId, StringComparison.Ordinal),
            $"decision email about {proposalId}");
}
