using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Workflows.Governance.Governance;
using Workflows.Governance.Proposals;
using static Workflows.Functions.Tests.Approvals.ApprovalPagesApp;

namespace Workflows.Functions.Tests.Approvals;

/// <summary>The approval pages on a real engine: real proposals, links issued by the app's token service, pages read
/// and forms submitted as a browser does.</summary>
public sealed class ApprovalPagesTests(ApprovalPagesApp app) : IClassFixture<ApprovalPagesApp>
{
    private static readonly byte[] Report = "%PDF-1.4 community diabetes service report"u8.ToArray();

    [Fact]
    public async Task Opening_a_link_shows_the_proposal_its_papers_and_the_decision_and_decides_nothing()
    {
        string id = NewId();
        ProposalInput proposal = await app.StartProposalAsync(id, ("report.pdf", "application/pdf", Report), ("budget 2026.csv", "text/csv", [1, 2, 3]));
        string token = await app.TokenAsync(proposal, "committee", ApprovalDecision.Approve);
        using HttpClient browser = app.Browser();

        Page page = await OpenAsync(browser, token);
        Page reopened = await OpenAsync(browser, token);

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Equal("text/html", page.Response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("confirm", page.Name);
        Assert.Equal("Confirm your decision", page.Heading);
        Assert.Equal(proposal.Title, page.Field("title"));
        Assert.Equal(proposal.Summary, page.Field("summary"));
        Assert.Equal(proposal.Plan.Committee.Name, page.Field("participant"));
        Assert.Equal($"{proposal.Plan.Committee.Approver.Name}, chair", page.Field("person"));
        Assert.Equal("Approve", page.Field("decision"));
        ProposalStatus status = await app.StatusAsync(id);
        Assert.Equal(
            status.Committee!.Deadline!.Value.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
            page.Element("[data-field='deadline'] time")?.GetAttribute("datetime"));
        Assert.Equal(
            [$"/approvals/{token}/papers/report.pdf", $"/approvals/{token}/papers/budget%202026.csv"],
            page.Document.QuerySelectorAll("ul.papers a").Select(a => a.GetAttribute("href")));
        Assert.Equal(["report.pdf", "budget 2026.csv"], page.Document.QuerySelectorAll("ul.papers a").Select(a => a.TextContent));

        IHtmlFormElement form = page.Document.Forms.Single();
        Assert.Equal("post", form.Method, ignoreCase: true);
        Assert.Equal($"/approvals/{token}", form.GetAttribute("action"));
        Assert.False(string.IsNullOrEmpty(form.QuerySelector<IHtmlInputElement>("input[type=hidden][name='__RequestVerificationToken']")?.Value));
        Assert.Equal("2000", form.QuerySelector("textarea[name=comment]")?.GetAttribute("maxlength"));
        Assert.Equal("Confirm: Approve", form.QuerySelector("button[type=submit]")?.TextContent);

        // No address on the page, a page that no cache keeps, and a policy that allows exactly its inline stylesheet.
        Assert.DoesNotContain("@", page.Html, StringComparison.Ordinal);
        Assert.Contains("no-store", page.Response.Headers.CacheControl?.ToString(), StringComparison.Ordinal);
        string policy = string.Join(";", page.Response.Headers.GetValues("Content-Security-Policy"));
        string styleHash = Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(page.Element("style")!.TextContent)));
        Assert.Contains($"style-src 'sha256-{styleHash}'", policy, StringComparison.Ordinal);
        Assert.DoesNotContain("script-src", policy, StringComparison.Ordinal);
        Assert.Empty(page.Document.Scripts);

        // Showing the page, twice, raised nothing and decided nothing.
        Assert.Equal("confirm", reopened.Name);
        Assert.Equal(0, await app.RaisedEventsAsync(id));
        ProposalStatus after = await app.StatusAsync(id);
        Assert.Equal(ProposalStage.CommitteeSignOff, after.Stage);
        Assert.Equal(ParticipantState.Pending, after.Committee!.State);
    }

    [Fact]
    public async Task Confirming_records_the_decision_with_the_comment_and_the_proposal_moves_on()
    {
        string id = NewId();
        ProposalInput proposal = await app.StartProposalAsync(id);
        string token = await app.TokenAsync(proposal, "committee", ApprovalDecision.Approve);
        using HttpClient browser = app.Browser();

        Page result = await ConfirmAsync(browser, await OpenAsync(browser, token), "  Supported by the quality committee.\r\nSee minute 12.  ");

        Assert.Equal(HttpStatusCode.OK, result.Status);
        Assert.Equal("recorded", result.Name);
        Assert.Equal("Your decision was recorded", result.Heading);
        Assert.Equal("Approved", result.Field("decision"));
        ProposalStatus status = await app.WaitForProposalAsync(id, s => s.Stage == ProposalStage.Congress);
        Person chair = proposal.Plan.Committee.Approver;
        Assert.Equal(ParticipantState.Approved, status.Committee!.State);
        Assert.Equal($"{chair.Name} <{chair.Email}>", status.Committee.DecidedBy);
        Assert.Equal("Supported by the quality committee.\nSee minute 12.", status.Committee.Comment);
        Assert.Equal(
            status.Committee.DecidedAt!.Value.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
            result.Element("time")?.GetAttribute("datetime"));
        Assert.Equal(ParticipantState.Pending, status.Congress!.State);
        Assert.Equal(1, await app.DecisionEventsAsync(id));
    }

    [Fact]
    public async Task A_second_confirmation_or_a_reused_link_gets_the_already_recorded_page_and_raises_nothing()
    {
        string id = NewId();
        ProposalInput proposal = await app.StartProposalAsync(id);
        string token = await app.TokenAsync(proposal, "committee", ApprovalDecision.Approve);
        using HttpClient browser = app.Browser();
        Page page = await OpenAsync(browser, token);
        Assert.Equal("recorded", (await ConfirmAsync(browser, page)).Name);

        Page second = await ConfirmAsync(browser, page);
        Page reused = await OpenAsync(browser, token);

        Assert.Equal(HttpStatusCode.Conflict, second.Status);
        Assert.Equal("already-recorded", second.Name);
        Assert.Equal("Your decision was already recorded", second.Heading);
        Assert.Equal("Approved", second.Field("state"));
        ProposalStatus status = await app.StatusAsync(id);
        Assert.Equal(
            status.Committee!.DecidedAt!.Value.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
            second.Element("time")?.GetAttribute("datetime"));
        Assert.Equal(HttpStatusCode.Conflict, reused.Status);
        Assert.Equal("already-recorded", reused.Name);
        Assert.Empty(reused.Document.Forms);
        await AssertOneDecisionAndCongressStillPendingAsync(id);
    }

    [Fact]
    public async Task Two_simultaneous_confirmations_record_one_decision_and_raise_one_event()
    {
        string id = NewId();
        ProposalInput proposal = await app.StartProposalAsync(id);
        string token = await app.TokenAsync(proposal, "committee", ApprovalDecision.Approve);
        using HttpClient browser = app.Browser();
        Page page = await OpenAsync(browser, token);

        Page[] results = await Task.WhenAll(ConfirmAsync(browser, page), ConfirmAsync(browser, page), ConfirmAsync(browser, page));

        Assert.Equal(["already-recorded", "already-recorded", "recorded"], results.Select(r => r.Name).Order(StringComparer.Ordinal));
        Assert.Equal(2, results.Count(r => r.Status == HttpStatusCode.Conflict));

        // A second event would have been taken by the congress stage, which waits for the same event name.
        await AssertOneDecisionAndCongressStillPendingAsync(id);
    }

    [Fact]
    public async Task A_tampered_or_malformed_link_gets_the_invalid_link_page_and_changes_nothing()
    {
        string id = NewId();
        ProposalInput proposal = await app.StartProposalAsync(id, ("report.pdf", "application/pdf", Report));
        string token = await app.TokenAsync(proposal, "committee", ApprovalDecision.Approve);
        string tampered = Flip(token, token.Length / 2);
        using HttpClient browser = app.Browser();
        Page valid = await OpenAsync(browser, token);

        Page opened = await OpenAsync(browser, tampered);
        Page confirmed = await ConfirmAsync(browser, valid with { Document = WithAction(valid, $"/approvals/{tampered}") });
        Page garbage = await OpenAsync(browser, "not-a-token");
        using HttpResponseMessage paper = await browser.GetAsync(new Uri($"/approvals/{tampered}/papers/report.pdf", UriKind.Relative));

        foreach (Page page in new[] { opened, confirmed, garbage })
        {
            Assert.Equal(HttpStatusCode.BadRequest, page.Status);
            Assert.Equal("invalid-link", page.Name);
            Assert.Equal("This link is not valid", page.Heading);
            Assert.Empty(page.Document.Forms);
            Assert.DoesNotContain(proposal.Title, page.Html, StringComparison.Ordinal);
        }

        Assert.Equal(HttpStatusCode.BadRequest, paper.StatusCode);
        Assert.Equal(0, await app.RaisedEventsAsync(id));
        Assert.Equal(ParticipantState.Pending, (await app.StatusAsync(id)).Committee!.State);
    }

    [Fact]
    public async Task A_link_past_its_deadline_is_refused_with_the_deadline_page_and_changes_nothing()
    {
        string id = NewId();
        ProposalInput proposal = await app.StartProposalAsync(id);
        string live = await app.TokenAsync(proposal, "committee", ApprovalDecision.Approve);
        string expired = await app.TokenAsync(proposal, "committee", ApprovalDecision.Approve, expires: DateTimeOffset.UtcNow.AddMinutes(-1));
        using HttpClient browser = app.Browser();
        Page valid = await OpenAsync(browser, live);

        Page opened = await OpenAsync(browser, expired);
        Page confirmed = await ConfirmAsync(browser, valid with { Document = WithAction(valid, $"/approvals/{expired}") });

        foreach (Page page in new[] { opened, confirmed })
        {
            Assert.Equal(HttpStatusCode.Gone, page.Status);
            Assert.Equal("expired", page.Name);
            Assert.Equal("The deadline for this decision has passed", page.Heading);
            Assert.Contains("a decision made after the deadline is refused", page.Text, StringComparison.Ordinal);
            Assert.Empty(page.Document.Forms);
        }

        Assert.Equal(0, await app.RaisedEventsAsync(id));
        Assert.Equal(ParticipantState.Pending, (await app.StatusAsync(id)).Committee!.State);
    }

    [Fact]
    public async Task A_confirmation_without_a_valid_anti_forgery_token_is_refused_and_changes_nothing()
    {
        string id = NewId();
        ProposalInput proposal = await app.StartProposalAsync(id);
        string token = await app.TokenAsync(proposal, "committee", ApprovalDecision.Approve);
        var action = new Uri($"/approvals/{token}", UriKind.Relative);
        using HttpClient browser = app.Browser();
        Page page = await OpenAsync(browser, token);
        string formToken = page.Document.QuerySelector<IHtmlInputElement>("input[name='__RequestVerificationToken']")!.Value;

        Page missing = await PostAsync(browser, action, ("comment", "no token"));
        Page wrong = await PostAsync(browser, action, ("__RequestVerificationToken", Flip(formToken, formToken.Length / 2)), ("comment", "wrong token"));
        using HttpClient otherBrowser = app.Browser();
        Page withoutCookie = await PostAsync(otherBrowser, action, ("__RequestVerificationToken", formToken), ("comment", "no cookie"));
        using var json = new StringContent("""{ "comment": "json" }""", Encoding.UTF8, "application/json");
        Page notAForm = await Page.ReadAsync(await browser.PostAsync(action, json));

        foreach (Page refused in new[] { missing, wrong, withoutCookie, notAForm })
        {
            Assert.Equal(HttpStatusCode.BadRequest, refused.Status);
            Assert.Equal("form-rejected", refused.Name);
            Assert.Equal("Your confirmation could not be accepted", refused.Heading);
        }

        Assert.Equal(0, await app.RaisedEventsAsync(id));
        Assert.Equal(ParticipantState.Pending, (await app.StatusAsync(id)).Committee!.State);

        // The page's own form, with its cookie, still works afterwards.
        Assert.Equal("recorded", (await ConfirmAsync(browser, page)).Name);
    }

    [Fact]
    public async Task A_comment_over_2000_characters_is_refused_with_the_form_again_and_records_nothing()
    {
        string id = NewId();
        ProposalInput proposal = await app.StartProposalAsync(id);
        string token = await app.TokenAsync(proposal, "committee", ApprovalDecision.Reject);
        using HttpClient browser = app.Browser();
        string tooLong = new('x', 2001);

        Page refused = await ConfirmAsync(browser, await OpenAsync(browser, token), tooLong);

        Assert.Equal(HttpStatusCode.BadRequest, refused.Status);
        Assert.Equal("confirm", refused.Name);
        Assert.Contains("2001 characters", refused.Element("[role=alert]")?.TextContent, StringComparison.Ordinal);
        Assert.Equal(tooLong, refused.Element("textarea")?.TextContent);
        Assert.Equal(0, await app.RaisedEventsAsync(id));

        // Exactly 2000 characters (a line break counts as one) is accepted from the page shown again.
        string longest = new string('y', 999) + "\r\n" + new string('z', 1000);
        Page recorded = await ConfirmAsync(browser, refused, longest);
        Assert.Equal("recorded", recorded.Name);
        Assert.Equal("Rejected", recorded.Field("decision"));
        ProposalStatus status = await app.WaitForProposalAsync(id, s => s.Stage == ProposalStage.Decided);
        Assert.Equal(longest.ReplaceLineEndings("\n"), status.Committee!.Comment);
        Assert.Equal(ProposalOutcome.Rejected, status.Outcome);
    }

    [Fact]
    public async Task A_decision_already_taken_by_the_deputy_is_shown_to_the_approver_by_name_without_addresses()
    {
        string id = NewId();
        ProposalInput proposal = await app.StartProposalAsync(id);
        using HttpClient browser = app.Browser();

        // Through the committee and the congress, which refers the proposal to every governing body.
        Assert.Equal("recorded", (await ConfirmAsync(browser, await OpenAsync(browser, await app.TokenAsync(proposal, "committee", ApprovalDecision.Approve)))).Name);
        await app.WaitForProposalAsync(id, s => s.Stage == ProposalStage.Congress);
        Page refer = await OpenAsync(browser, await app.TokenAsync(proposal, "congress", ApprovalDecision.Refer));
        Assert.Equal("Refer to member bodies", refer.Field("decision"));
        Assert.Equal("recorded", (await ConfirmAsync(browser, refer)).Name);
        await app.WaitForProposalAsync(id, s => s.Stage == ProposalStage.GoverningBodies);

        const string Body = "east-staffordshire-ccg";
        string bodyInstance = $"{id}:{Body}";
        ParticipantPlan body = proposal.Plan.Bodies.Single(b => b.Id == Body);
        using HttpClient approverBrowser = app.Browser();
        Page approverPage = await OpenAsync(approverBrowser, await app.TokenAsync(proposal, Body, ApprovalDecision.Approve));
        Assert.Equal("confirm", approverPage.Name);
        Assert.Equal(body.Name, approverPage.Field("participant"));

        using HttpClient deputyBrowser = app.Browser();
        Page deputyPage = await OpenAsync(deputyBrowser, await app.TokenAsync(proposal, Body, ApprovalDecision.Reject, deputy: true));
        Assert.Equal($"{body.Deputy!.Name}, deputy approver", deputyPage.Field("person"));
        Page deputyResult = await ConfirmAsync(deputyBrowser, deputyPage, "Not affordable this year.");
        Assert.Equal(HttpStatusCode.OK, deputyResult.Status);
        Assert.Equal("recorded", deputyResult.Name);
        Assert.Equal("Rejected", deputyResult.Field("decision"));

        Page approverOpens = await OpenAsync(approverBrowser, await app.TokenAsync(proposal, Body, ApprovalDecision.Approve));
        Page approverConfirms = await ConfirmAsync(approverBrowser, approverPage);

        ParticipantStatus decided = await app.WaitForCustomStatusAsync<ParticipantStatus>(bodyInstance, s => s.State == ParticipantState.Rejected);
        foreach (Page page in new[] { approverOpens, approverConfirms })
        {
            Assert.Equal(HttpStatusCode.Conflict, page.Status);
            Assert.Equal("decided-by-other", page.Name);
            Assert.Equal("This decision was already taken", page.Heading);
            Assert.Equal(body.Deputy.Name, page.Field("decided-by"));
            Assert.Equal("Rejected", page.Field("state"));
            Assert.Equal(
                decided.DecidedAt!.Value.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
                page.Element("time")?.GetAttribute("datetime"));
            Assert.DoesNotContain("@", page.Html, StringComparison.Ordinal);
            Assert.Empty(page.Document.Forms);
        }

        Assert.Equal($"{body.Deputy.Name} <{body.Deputy.Email}>", decided.DecidedBy);
        Assert.Equal(1, await app.DecisionEventsAsync(bodyInstance));
    }

    [Fact]
    public async Task A_withdrawn_proposal_gets_the_withdrawn_page_and_records_nothing()
    {
        string id = NewId();
        ProposalInput proposal = await app.StartProposalAsync(id);
        string token = await app.TokenAsync(proposal, "committee", ApprovalDecision.Approve);
        using HttpClient browser = app.Browser();
        Page page = await OpenAsync(browser, token);
        Assert.Equal("confirm", page.Name);

        await app.Client.RaiseEventAsync(id, ProposalEvents.Withdraw, "Replaced by a joint proposal");
        await app.WaitForCompletionAsync(id);
        Page opened = await OpenAsync(browser, token);
        Page confirmed = await ConfirmAsync(browser, page);

        foreach (Page refused in new[] { opened, confirmed })
        {
            Assert.Equal(HttpStatusCode.Gone, refused.Status);
            Assert.Equal("withdrawn", refused.Name);
            Assert.Equal("This proposal was withdrawn", refused.Heading);
            Assert.Equal(proposal.Title, refused.Field("title"));
            Assert.Empty(refused.Document.Forms);
        }

        Assert.Equal(0, await app.DecisionEventsAsync(id));
        ProposalStatus status = await app.StatusAsync(id);
        Assert.Equal(ProposalOutcome.Withdrawn, status.Outcome);
        Assert.Equal(ParticipantState.Pending, status.Committee!.State);
    }

    [Fact]
    public async Task A_link_downloads_only_the_papers_of_its_own_proposal()
    {
        string id = NewId();
        string otherId = NewId();
        byte[] secret = "%PDF-1.4 another proposal's paper"u8.ToArray();
        ProposalInput proposal = await app.StartProposalAsync(id, ("report.pdf", "application/pdf", Report));
        ProposalInput other = await app.StartProposalAsync(otherId, ("secret.pdf", "application/pdf", secret));
        string token = await app.TokenAsync(proposal, "committee", ApprovalDecision.Approve);
        string otherToken = await app.TokenAsync(other, "committee", ApprovalDecision.Approve);
        using HttpClient browser = app.Browser();

        using HttpResponseMessage own = await browser.GetAsync(new Uri($"/approvals/{token}/papers/report.pdf", UriKind.Relative));
        using HttpResponseMessage foreign = await browser.GetAsync(new Uri($"/approvals/{token}/papers/secret.pdf", UriKind.Relative));
        using HttpResponseMessage traversal = await browser.GetAsync(new Uri($"/approvals/{token}/papers/..%2F..%2F{otherId}%2Fpapers%2Fsecret.pdf", UriKind.Relative));
        using HttpResponseMessage unknown = await browser.GetAsync(new Uri($"/approvals/{token}/papers/missing.pdf", UriKind.Relative));
        using HttpResponseMessage otherOwn = await browser.GetAsync(new Uri($"/approvals/{otherToken}/papers/secret.pdf", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        Assert.Equal(Report, await own.Content.ReadAsByteArrayAsync());
        Assert.Equal("application/pdf", own.Content.Headers.ContentType?.MediaType);
        Assert.Equal("attachment", own.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal("report.pdf", own.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        Assert.Equal("nosniff", string.Join(",", own.Headers.GetValues("X-Content-Type-Options")));

        Page notFound = await Page.ReadAsync(foreign);
        Assert.Equal(HttpStatusCode.NotFound, notFound.Status);
        Assert.Equal("paper-not-found", notFound.Name);
        Assert.DoesNotContain("another proposal", notFound.Html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, traversal.StatusCode);
        Assert.DoesNotContain("another proposal", await traversal.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);

        Assert.Equal(HttpStatusCode.OK, otherOwn.StatusCode);
        Assert.Equal(secret, await otherOwn.Content.ReadAsByteArrayAsync());
        Assert.Equal(0, await app.RaisedEventsAsync(id));
    }

    internal static string NewId() => "ap-" + Guid.NewGuid().ToString("N")[..12];

    internal static string Flip(string text, int index) =>
        string.Concat(text.AsSpan(0, index), text[index] == 'A' ? "B" : "A", text.AsSpan(index + 1));

    internal static async Task<Page> PostAsync(HttpClient browser, Uri action, params (string Name, string Value)[] fields)
    {
        using var content = new FormUrlEncodedContent(fields.Select(f => KeyValuePair.Create(f.Name, f.Value)));
        return await Page.ReadAsync(await browser.PostAsync(action, content));
    }

    private static IHtmlDocument WithAction(Page page, string action)
    {
        var document = (IHtmlDocument)page.Document.Clone();
        document.Forms.Single().SetAttribute("action", action);
        return document;
    }

    private async Task AssertOneDecisionAndCongressStillPendingAsync(string id)
    {
        // Give a stray second event the time to reach the waiting congress stage, if one had been raised.
        await Task.Delay(500);
        Assert.Equal(1, await app.DecisionEventsAsync(id));
        ProposalStatus status = await app.StatusAsync(id);
        Assert.Equal(ProposalStage.Congress, status.Stage);
        Assert.Equal(ParticipantState.Approved, status.Committee!.State);
        Assert.Equal(ParticipantState.Pending, status.Congress!.State);
    }
}
