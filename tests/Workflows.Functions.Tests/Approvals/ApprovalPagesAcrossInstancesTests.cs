using System.Net;
using System.Text;
using AngleSharp.Html.Dom;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Configuration;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using NSubstitute;
using NSubstitute.ExceptionExtensions;
using Workflows.DurableTask.Client;
using Workflows.Governance.Approvals;
using Workflows.Governance.Http;
using Workflows.Governance.Proposals;
using Workflows.Governance.Storage;
using static Workflows.Functions.Tests.Approvals.ApprovalPagesApp;

namespace Workflows.Functions.Tests.Approvals;

/// <summary>Confirmations reaching two instances of the app at once: the mapped route is one instance, a
/// <see cref="GovernanceHttp"/> (as the Function App's functions use) over the same services is another, with a gate of
/// its own, so only the shared raised-decision ledger keeps the second event from being raised.</summary>
public sealed class ApprovalPagesAcrossInstancesTests(ApprovalPagesApp app) : IClassFixture<ApprovalPagesApp>
{
    [Fact]
    public async Task Confirmations_on_two_instances_at_once_raise_one_decision_event()
    {
        string id = ApprovalPagesTests.NewId();
        ProposalInput proposal = await app.StartProposalAsync(id);
        string token = await app.TokenAsync(proposal, "committee", ApprovalDecision.Approve);
        using HttpClient browser = app.Browser();
        Page page = await OpenAsync(browser, token);
        var other = new GovernanceHttp(app.Factory.Services);

        Task<HttpStatusCode> here = ConfirmHereAsync(browser, page);
        Task<HttpStatusCode> there = Task.Run(() => this.ConfirmThereAsync(other, page, token));
        Task<HttpStatusCode> thereAgain = Task.Run(() => this.ConfirmThereAsync(other, page, token));
        HttpStatusCode[] statuses = await Task.WhenAll(here, there, thereAgain);

        // One confirmation raised and saw the decision recorded; the others were told it was received or recorded.
        Assert.Single(statuses, s => s == HttpStatusCode.OK);
        Assert.All(statuses.Where(s => s != HttpStatusCode.OK), s => Assert.Contains(s, new[] { HttpStatusCode.Accepted, HttpStatusCode.Conflict }));
        await app.WaitForProposalAsync(id, s => s.Stage == ProposalStage.Congress);

        // Give a stray second event the time to reach the waiting congress stage, if one had been raised.
        await Task.Delay(500);
        Assert.Equal(1, await app.DecisionEventsAsync(id));
        Assert.Equal(ParticipantState.Pending, (await app.StatusAsync(id)).Congress!.State);
    }

    [Fact]
    public async Task A_confirmation_takes_over_the_claim_of_a_process_that_died_before_raising()
    {
        string id = ApprovalPagesTests.NewId();
        ProposalInput proposal = await app.StartProposalAsync(id);
        string token = await app.TokenAsync(proposal, "committee", ApprovalDecision.Approve);
        using HttpClient browser = app.Browser();
        Page page = await OpenAsync(browser, token);

        // Another process claimed this decision on the shared file and was killed before it raised the event.
        string path = Path.Combine(DataDirectory.Resolve(app.Factory.Services.GetRequiredService<IConfiguration>()), SqliteRaisedDecisionLedger.FileName);
        var dead = new SqliteRaisedDecisionLedger(path, TimeProvider.System, new DecisionMarkLifetimes(TimeSpan.FromSeconds(1), TimeSpan.FromHours(1)));
        string key = ApprovalDecisionGate.KeyOf(app.Tokens.Read(token).Grant!);
        Assert.True(await dead.TryClaimAsync(key, CancellationToken.None));

        // The approver's confirmation waits out the dead claim, raises the decision itself and sees it recorded.
        Page confirmed = await ConfirmAsync(browser, page);
        Assert.Equal(HttpStatusCode.OK, confirmed.Status);
        await app.WaitForProposalAsync(id, s => s.Stage == ProposalStage.Congress);
        Assert.Equal(1, await app.DecisionEventsAsync(id));

        // Confirming again changes nothing: the decision is recorded.
        Assert.Equal(HttpStatusCode.Conflict, (await ConfirmAsync(browser, page)).Status);
        Assert.Equal(1, await app.DecisionEventsAsync(id));
    }

    [Fact]
    public async Task A_decision_for_an_instance_whose_start_is_held_asks_the_approver_to_confirm_again_and_records_nothing()
    {
        string id = ApprovalPagesTests.NewId();
        ProposalInput proposal = await app.StartProposalAsync(id);
        string token = await app.TokenAsync(proposal, "committee", ApprovalDecision.Approve);
        using HttpClient browser = app.Browser();
        Page page = await OpenAsync(browser, token);
        var other = new GovernanceHttp(app.Factory.Services);

        // As on Azure Storage when the instance's start is still held by a worker that stopped: the client refuses the event.
        DurableTaskClient refusing = Substitute.ForPartsOf<DurableTaskClient>("refusing");
        refusing.GetInstanceAsync(default!, default, default).ReturnsForAnyArgs(call => app.Client.GetInstanceAsync(call.ArgAt<string>(0), call.ArgAt<bool>(1), call.ArgAt<CancellationToken>(2)));
        refusing.RaiseEventAsync(default!, default!, default, default).ThrowsAsyncForAnyArgs(new InstanceNotStartedException(id, TimeSpan.FromSeconds(7), "not started"));

        (HttpStatusCode status, string html, IHeaderDictionary headers) = await this.PostThereAsync(other, refusing, page, token);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
        Assert.Equal("7", headers.RetryAfter.ToString());
        Assert.Contains("Nothing was recorded; please confirm again in a minute.", html, StringComparison.Ordinal);
        Assert.Contains("__RequestVerificationToken", html, StringComparison.Ordinal);
        Assert.Equal(0, await app.DecisionEventsAsync(id));

        // Its claim on the decision was given up: confirming again, once the instance takes events, records it.
        Assert.Equal(HttpStatusCode.OK, await this.ConfirmThereAsync(other, page, token));
        await app.WaitForProposalAsync(id, s => s.Stage == ProposalStage.Congress);
        Assert.Equal(1, await app.DecisionEventsAsync(id));
    }

    private static async Task<HttpStatusCode> ConfirmHereAsync(HttpClient browser, Page page) => (await ConfirmAsync(browser, page)).Status;

    /// <summary>Posts the page's form to the other instance, with the anti-forgery cookie the page came with.</summary>
    private async Task<HttpStatusCode> ConfirmThereAsync(GovernanceHttp other, Page page, string token)
    {
        (HttpStatusCode status, string html, _) = await this.PostThereAsync(other, app.Client, page, token);
        Assert.DoesNotContain("form-rejected", html, StringComparison.Ordinal);
        return status;
    }

    private async Task<(HttpStatusCode Status, string Html, IHeaderDictionary Headers)> PostThereAsync(GovernanceHttp other, DurableTaskClient client, Page page, string token)
    {
        IHtmlFormElement form = page.Document.Forms.Single();
        var fields = form.Elements.OfType<IHtmlInputElement>().Where(i => i.Type == "hidden").Select(i => KeyValuePair.Create(i.Name!, i.Value)).ToList();
        fields.Add(KeyValuePair.Create("comment", string.Empty));
        byte[] body = await new FormUrlEncodedContent(fields).ReadAsByteArrayAsync();
        string cookies = string.Join("; ", page.Response.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]));

        await using AsyncServiceScope scope = app.Factory.Services.CreateAsyncScope();
        var context = new DefaultHttpContext { RequestServices = scope.ServiceProvider };
        context.Request.Method = "POST";
        context.Request.Path = $"/approvals/{token}";
        context.Request.ContentType = "application/x-www-form-urlencoded";
        context.Request.Headers.Cookie = cookies;
        context.Request.Body = new MemoryStream(body);
        context.Response.Body = new MemoryStream();

        IResult result = await other.ConfirmApprovalAsync(context, client, token);
        await result.ExecuteAsync(context);
        context.Response.Body.Position = 0;
        string html = await new StreamReader(context.Response.Body).ReadToEndAsync();
        return ((HttpStatusCode)context.Response.StatusCode, html, context.Response.Headers);
    }
}
