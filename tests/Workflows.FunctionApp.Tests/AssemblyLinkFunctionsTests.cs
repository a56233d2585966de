using System.Net;
using System.Text.RegularExpressions;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using NSubstitute;
using Workflows.Functions;
using Workflows.Governance.Assembly;
using Workflows.Governance.Assembly.Consultations;
using Workflows.Governance.Assembly.Links;
using Workflows.Governance.Assembly.Nominations;
using Workflows.Governance.Assembly.Pages;
using Workflows.Governance.Documents;

namespace Workflows.FunctionApp.Tests;

/// <summary>The pages behind the assembly's signed links as functions, against a substituted client: opening one
/// changes nothing, only a confirmed, anti-forgery-checked POST answers.</summary>
public sealed partial class AssemblyLinkFunctionsTests : IDisposable
{
    private readonly FunctionTestContext app = new();
    private readonly DurableTaskClient client = Substitute.For<DurableTaskClient>("functions");
    private readonly AssemblyLinkFunctions functions;

    public AssemblyLinkFunctionsTests()
    {
        this.functions = new AssemblyLinkFunctions(this.app.Http);
        this.client.GetInstanceAsync(Arg.Any<string>(), Arg.Any<bool>(), Arg.Any<CancellationToken>()).Returns((OrchestrationMetadata?)null);
    }

    [Fact]
    public async Task A_nomination_link_opens_its_form_changing_nothing_and_the_confirmed_form_raises_the_nomination()
    {
        this.client.Has("nr-fn:leeds-ccg", nameof(CcgNominationOrchestrator), Ccg(NominationState.Invited));
        this.client.When(c => c.RaiseEventAsync("nr-fn:leeds-ccg", AssemblyEvents.Nomination, Arg.Any<object?>(), Arg.Any<CancellationToken>()))
            .Do(_ => this.client.Has("nr-fn:leeds-ccg", nameof(CcgNominationOrchestrator), Ccg(NominationState.Nominated)));
        string token = this.Token(AssemblyLinkKind.Nominate, "nr-fn:leeds-ccg");

        var show = this.app.Request("GET", $"{AssemblyLinks.Route}/{token}", admin: false);
        var (shown, contentType, page, headers) = await FunctionTestContext.RunAsync(show, await this.functions.ShowAsync(show, this.client, token));

        Assert.Equal(200, shown);
        Assert.StartsWith("text/html", contentType, StringComparison.Ordinal);
        Assert.Equal("no-store", headers.CacheControl.ToString());
        Assert.Equal(AssemblyLinkPages.ContentSecurityPolicy, headers.ContentSecurityPolicy.ToString());
        await this.client.DidNotReceiveWithAnyArgs().RaiseEventAsync(default!, default!, default, default);

        string field = AntiforgeryField().Match(page) is { Success: true } m ? m.Groups["value"].Value : throw new InvalidOperationException($"no anti-forgery field in: {page}");
        string form = $"__RequestVerificationToken={WebUtility.UrlEncode(WebUtility.HtmlDecode(field))}&name=Dr+Asha+Patel&role=Clinical+chair&registration=GMC+4412345&email=asha.patel%40leeds.example.org";
        var confirm = this.app.Request("POST", $"{AssemblyLinks.Route}/{token}", form, admin: false, contentType: "application/x-www-form-urlencoded");
        confirm.Headers.Cookie = string.Join("; ", headers.SetCookie.Select(c => c!.Split(';')[0]));
        var (confirmed, _, recorded, _) = await FunctionTestContext.RunAsync(confirm, await this.functions.ConfirmAsync(confirm, this.client, token));

        Assert.True(confirmed == 200, recorded);
        Assert.Contains("data-page=\"recorded\"", recorded, StringComparison.Ordinal);
        await this.client.Received(1).RaiseEventAsync(
            "nr-fn:leeds-ccg",
            AssemblyEvents.Nomination,
            Arg.Is<object?>(e => ((NominationEvent)e!).Nomination.Email == "asha.patel@leeds.example.org" && ((NominationEvent)e!).Attempt == 1),
            Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task A_tampered_link_gets_a_readable_400_page_and_reads_no_instance()
    {
        var request = this.app.Request("GET", $"{AssemblyLinks.Route}/not-a-real-token", admin: false);

        var (status, contentType, body, _) = await FunctionTestContext.RunAsync(request, await this.functions.ShowAsync(request, this.client, "not-a-real-token"));

        Assert.Equal(400, status);
        Assert.StartsWith("text/html", contentType, StringComparison.Ordinal);
        Assert.Contains("data-page=\"invalid-link\"", body, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", body, StringComparison.Ordinal);
        await this.client.DidNotReceiveWithAnyArgs().GetInstanceAsync(default!, default, default);
    }

    [Fact]
    public async Task A_confirmation_without_the_anti_forgery_token_is_refused_and_raises_nothing()
    {
        this.client.Has("nr-fn:leeds-ccg", nameof(CcgNominationOrchestrator), Ccg(NominationState.Invited));
        string token = this.Token(AssemblyLinkKind.Nominate, "nr-fn:leeds-ccg");
        var request = this.app.Request("POST", $"{AssemblyLinks.Route}/{token}", "name=N&role=R&registration=GMC+1&email=n%40leeds.example.org", admin: false, contentType: "application/x-www-form-urlencoded");

        var (status, _, body, _) = await FunctionTestContext.RunAsync(request, await this.functions.ConfirmAsync(request, this.client, token));

        Assert.Equal(400, status);
        Assert.Contains("data-page=\"form-rejected\"", body, StringComparison.Ordinal);
        await this.client.DidNotReceiveWithAnyArgs().RaiseEventAsync(default!, default!, default, default);
    }

    [Fact]
    public async Task A_response_link_downloads_its_consultations_draft_and_nothing_else()
    {
        var draft = new DraftDocument("statement", "Draft statement", "statement.pdf", "application/pdf", "assembly/consultations/c-fn/drafts/statement.pdf", 5);
        await this.app.Services.GetRequiredService<IDocumentStore>().SaveAsync(draft.Path, "%PDF-"u8.ToArray(), draft.ContentType, overwrite: true);
        this.client.Has("c-fn", nameof(ConsultationOrchestrator), new ConsultationStatus
        {
            ConsultationId = "c-fn",
            Title = "Draft statement of intent",
            ClosesAt = DateTime.UtcNow.AddDays(3),
            Documents = [draft],
            Members = [new MemberResponseStatus { MemberId = "leeds-ccg", MemberName = "NHS Leeds CCG" }],
        });
        string token = this.Token(AssemblyLinkKind.Respond, "c-fn");

        var request = this.app.Request("GET", $"{AssemblyLinks.Route}/{token}/documents/statement", admin: false);
        var (status, contentType, body, headers) = await FunctionTestContext.RunAsync(request, await this.functions.DraftAsync(request, this.client, token, "statement"));
        var other = this.app.Request("GET", $"{AssemblyLinks.Route}/{token}/documents/other", admin: false);
        var (otherStatus, _, _, _) = await FunctionTestContext.RunAsync(other, await this.functions.DraftAsync(other, this.client, token, "other"));

        Assert.Equal((200, "application/pdf", "%PDF-"), (status, contentType, body));
        Assert.StartsWith("attachment", headers.ContentDisposition.ToString(), StringComparison.Ordinal);
        Assert.Equal(404, otherStatus);
    }

    [Fact]
    public async Task The_forms_stylesheet_is_css_that_browsers_may_cache()
    {
        var request = this.app.Request("GET", AssemblyStylesheet.Path, admin: false);

        var (status, contentType, body, headers) = await FunctionTestContext.RunAsync(request, this.functions.Stylesheet(request));

        Assert.Equal(200, status);
        Assert.StartsWith("text/css", contentType, StringComparison.Ordinal);
        Assert.Equal(AssemblyStylesheet.Css, body);
        Assert.Equal("public, max-age=3600", headers.CacheControl.ToString());
    }

    public void Dispose() => this.app.Dispose();

    private static CcgNominationStatus Ccg(NominationState state) => new()
    {
        MemberId = "leeds-ccg",
        MemberName = "NHS Leeds CCG",
        State = state,
        ClosesAt = DateTime.UtcNow.AddDays(3),
        Nomination = state == NominationState.Invited ? null : new Nomination("Dr Asha Patel", "Clinical chair", "GMC 4412345", "asha.patel@leeds.example.org"),
    };

    private string Token(AssemblyLinkKind kind, string instance) =>
        this.app.Services.GetRequiredService<AssemblyTokens>().Issue(
            new AssemblyGrant(kind, instance, instance.Split(':')[0], "leeds-ccg", kind == AssemblyLinkKind.Review ? "DesignGroup" : "AccountableOfficer", "Officer", "officer@leeds.example.org"),
            DateTimeOffset.UtcNow.AddDays(1));

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"(?<value>[^\"]+)\"", RegexOptions.CultureInvariant)]
    private static partial Regex AntiforgeryField();
}
