using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using NSubstitute;
using Workflows.Governance.Assembly;
using Workflows.Governance.Assembly.Consultations;
using Workflows.Governance.Assembly.Links;
using Workflows.Governance.Assembly.Nominations;
using Workflows.Governance.Assembly.WorkProgramme;
using Workflows.Governance.Documents;

namespace Workflows.Functions.Tests.Assembly;

/// <summary>The pages behind assembly links, against a substituted client: opening changes nothing, a confirmed and
/// anti-forgery-checked POST raises the answer, and used, expired, tampered or closed links get a page saying so.</summary>
public sealed class AssemblyLinkPagesTests : IClassFixture<AssemblyApiApp>
{
    private static readonly DraftDocument Statement = new("statement", "Draft <statement>", "statement.pdf", "application/pdf", "assembly/consultations/c-p/drafts/statement.pdf", 5);
    private readonly AssemblyApiApp app;

    public AssemblyLinkPagesTests(AssemblyApiApp app)
    {
        this.app = app;
        app.Client.ClearReceivedCalls();
    }

    private AssemblyTokens Tokens => this.app.Factory.Services.GetRequiredService<AssemblyTokens>();

    [Fact]
    public async Task A_nomination_link_shows_its_form_changes_nothing_and_a_confirmed_form_raises_the_nomination()
    {
        this.app.Has("nr-p:leeds", nameof(CcgNominationOrchestrator), Ccg("leeds", NominationState.Invited, attempt: 1));
        string link = this.Link(AssemblyLinkKind.Nominate, "nr-p:leeds", "leeds");
        this.app.Client.When(c => c.RaiseEventAsync("nr-p:leeds", AssemblyEvents.Nomination, Arg.Any<object?>(), Arg.Any<CancellationToken>()))
            .Do(_ => this.app.Has("nr-p:leeds", nameof(CcgNominationOrchestrator), Ccg("leeds", NominationState.Nominated, attempt: 1)));

        (HttpResponseMessage shown, IDocument page) = await this.GetAsync(link);
        Assert.Equal(HttpStatusCode.OK, shown.StatusCode);
        Assert.Equal("nominate", Page(page));
        Assert.Contains("style-src 'self'", shown.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        Assert.Equal("no-store", shown.Headers.CacheControl?.ToString());
        Assert.Empty(this.app.Raised);

        Dictionary<string, string> form = Form(page);
        form["name"] = "Dr <Jane> Smith";
        form["role"] = "Clinical chair";
        form["registration"] = "GMC 4412345";
        form["email"] = "not an address";
        (HttpResponseMessage invalid, IDocument again) = await this.PostAsync(link, form);
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        Assert.Equal(["email"], again.QuerySelectorAll("[data-problem]").Select(p => p.GetAttribute("data-problem")));
        Assert.Equal("Dr <Jane> Smith", again.QuerySelector("#name")!.GetAttribute("value"));
        Assert.Empty(this.app.Raised);

        form = Form(again);
        (form["name"], form["role"], form["registration"], form["email"]) = ("Dr <Jane> Smith", "Clinical chair", "GMC 4412345", "jane.smith@leeds.example.org");
        (HttpResponseMessage confirmed, IDocument recorded) = await this.PostAsync(link, form);

        Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);
        Assert.Equal("recorded", Page(recorded));
        (string instance, string name, object? payload) = Assert.Single(this.app.Raised);
        Assert.Equal(("nr-p:leeds", AssemblyEvents.Nomination), (instance, name));
        var nomination = Assert.IsType<NominationEvent>(payload);
        Assert.Equal((1, "Dr <Jane> Smith", "Officer <officer@leeds.example.org>"), (nomination.Attempt, nomination.Nomination.Name, nomination.By));
    }

    [Fact]
    public async Task Used_tampered_expired_and_closed_links_say_so_and_raise_nothing()
    {
        this.app.Has("nr-p:hull", nameof(CcgNominationOrchestrator), Ccg("hull", NominationState.Returned, attempt: 2));
        this.app.Has("nr-p:york", nameof(CcgNominationOrchestrator), Ccg("york", NominationState.NoNomination, attempt: 1), OrchestrationRuntimeStatus.Completed);
        string used = this.Link(AssemblyLinkKind.Nominate, "nr-p:hull", "hull", attempt: 1);
        string review = this.Link(AssemblyLinkKind.Review, "nr-p:hull", "hull", attempt: 1);
        string closed = this.Link(AssemblyLinkKind.Nominate, "nr-p:york", "york");
        string expired = AssemblyLinks.Route + "/" + this.Tokens.Issue(Grant(AssemblyLinkKind.Nominate, "nr-p:hull", "hull", 2), DateTimeOffset.UtcNow.AddSeconds(-1));
        string current = this.Link(AssemblyLinkKind.Nominate, "nr-p:hull", "hull", attempt: 2);
        string tampered = current[..^3] + (current[^3] == 'A' ? "B" : "A") + current[^2..];

        Assert.Equal((HttpStatusCode.Conflict, "used"), await this.ShowAsync(used));
        Assert.Equal((HttpStatusCode.Conflict, "used"), await this.ShowAsync(review));
        Assert.Equal((HttpStatusCode.Gone, "closed"), await this.ShowAsync(closed));
        Assert.Equal((HttpStatusCode.Gone, "expired"), await this.ShowAsync(expired));
        Assert.Equal((HttpStatusCode.BadRequest, "invalid-link"), await this.ShowAsync(tampered));
        Assert.Equal((HttpStatusCode.OK, "nominate"), await this.ShowAsync(current));

        // A form opened on a link that is used up by the time it is sent changes nothing.
        (_, IDocument page) = await this.GetAsync(current);
        this.app.Has("nr-p:hull", nameof(CcgNominationOrchestrator), Ccg("hull", NominationState.Nominated, attempt: 2));
        Dictionary<string, string> form = Form(page);
        (form["name"], form["role"], form["registration"], form["email"]) = ("N", "R", "GMC 1", "n@hull.example.org");
        (HttpResponseMessage late, IDocument latePage) = await this.PostAsync(current, form);
        Assert.Equal((HttpStatusCode.Conflict, "used"), (late.StatusCode, Page(latePage)));
        Assert.Empty(this.app.Raised);
    }

    [Fact]
    public async Task A_post_without_the_anti_forgery_token_is_refused_and_raises_nothing()
    {
        this.app.Has("nr-p:leeds", nameof(CcgNominationOrchestrator), Ccg("leeds", NominationState.Invited, attempt: 1));
        string link = this.Link(AssemblyLinkKind.Nominate, "nr-p:leeds", "leeds");

        (HttpResponseMessage response, IDocument page) = await this.PostAsync(link, new Dictionary<string, string>
        {
            ["name"] = "N", ["role"] = "R", ["registration"] = "GMC 1", ["email"] = "n@leeds.example.org",
        });

        Assert.Equal((HttpStatusCode.BadRequest, "form-rejected"), (response.StatusCode, Page(page)));
        Assert.Empty(this.app.Raised);
    }

    [Fact]
    public async Task A_response_link_shows_every_draft_with_its_download_and_takes_a_response_for_each()
    {
        await this.app.Documents.SaveAsync(Statement.Path, "%PDF-"u8.ToArray(), "application/pdf", overwrite: true);
        this.app.Has("c-p", nameof(ConsultationOrchestrator), new ConsultationStatus
        {
            ConsultationId = "c-p",
            Title = "Drafts & more",
            ClosesAt = DateTime.UtcNow.AddDays(3),
            Documents = [Statement],
            Members = [new MemberResponseStatus { MemberId = "leeds", MemberName = "NHS Leeds CCG", Revisions = 1, Positions = new Dictionary<string, Position> { ["statement"] = Position.DoNotSupport } }],
        });
        string link = this.Link(AssemblyLinkKind.Respond, "c-p", "leeds");

        (HttpResponseMessage shown, IDocument page) = await this.GetAsync(link);
        Assert.Equal((HttpStatusCode.OK, "respond"), (shown.StatusCode, Page(page)));
        Assert.Equal("Drafts & more", page.QuerySelector("h1")!.TextContent);
        Assert.Equal("DoNotSupport", page.QuerySelector("input[name=position-statement][checked]")!.GetAttribute("value"));
        string download = page.QuerySelector("[data-document=statement] a")!.GetAttribute("href")!;
        using HttpResponseMessage draft = await this.app.Anonymous.GetAsync(new Uri(download, UriKind.Relative));
        Assert.Equal("%PDF-", await draft.Content.ReadAsStringAsync());
        Assert.Equal("attachment", draft.Content.Headers.ContentDisposition?.DispositionType);

        Dictionary<string, string> form = Form(page);
        form.Remove("position-statement");
        (HttpResponseMessage missing, IDocument problems) = await this.PostAsync(link, form);
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        Assert.Equal(["views.statement.position"], problems.QuerySelectorAll("[data-problem]").Select(p => p.GetAttribute("data-problem")));

        form = Form(problems);
        (form["position-statement"], form["comments-statement"]) = ("SupportWithChanges", "Name the networks.");
        (HttpResponseMessage sent, _) = await this.PostAsync(link, form);
        Assert.Equal(HttpStatusCode.Accepted, sent.StatusCode);
        var response = Assert.IsType<ResponseEvent>(Assert.Single(this.app.Raised).Payload);
        Assert.Equal([new DocumentView("statement", Position.SupportWithChanges, "Name the networks.")], response.Views);
    }

    [Fact]
    public async Task An_interest_link_takes_groups_in_order_of_the_numbers_given_and_refuses_a_number_given_twice()
    {
        this.app.Has("wp-p", nameof(WorkProgrammeOrchestrator), new WorkProgrammeStatus
        {
            RoundId = "wp-p",
            ClosesAt = DateTime.UtcNow.AddDays(3),
            Groups = [new() { Id = "quality", Name = "Quality", Capacity = 2 }, new() { Id = "incentives", Name = "Incentives", Capacity = 1 }, new() { Id = "primary-care", Name = "Primary care", Capacity = 1 }],
            Members = [new MemberInterestStatus { MemberId = "leeds", MemberName = "NHS Leeds CCG" }],
        });
        string link = this.Link(AssemblyLinkKind.Interest, "wp-p", "leeds");
        (_, IDocument page) = await this.GetAsync(link);
        Assert.Equal("interest", Page(page));

        Dictionary<string, string> form = Form(page);
        (form["rank-quality"], form["rank-incentives"], form["rank-primary-care"]) = ("1", "1", "");
        (HttpResponseMessage twice, IDocument again) = await this.PostAsync(link, form);
        Assert.Equal(HttpStatusCode.BadRequest, twice.StatusCode);
        Assert.Empty(this.app.Raised);

        form = Form(again);
        (form["rank-quality"], form["rank-incentives"], form["rank-primary-care"]) = ("2", "", "1");
        (HttpResponseMessage sent, _) = await this.PostAsync(link, form);

        Assert.Equal(HttpStatusCode.Accepted, sent.StatusCode);
        Assert.Equal(["primary-care", "quality"], Assert.IsType<InterestEvent>(Assert.Single(this.app.Raised).Payload).Preferences);
    }

    [Fact]
    public async Task The_pages_stylesheet_is_css_that_browsers_may_cache()
    {
        using HttpResponseMessage response = await this.app.Anonymous.GetAsync(new Uri("/assembly/assets/forms.css", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/css", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(TimeSpan.FromHours(1), response.Headers.CacheControl?.MaxAge);
        Assert.Equal(Workflows.Governance.Assembly.Pages.AssemblyStylesheet.Css, await response.Content.ReadAsStringAsync());
    }

    private static CcgNominationStatus Ccg(string id, NominationState state, int attempt) => new()
    {
        MemberId = id,
        MemberName = $"NHS {id} CCG",
        State = state,
        Attempt = attempt,
        ClosesAt = DateTime.UtcNow.AddDays(3),
        Nomination = state == NominationState.Invited ? null : new Nomination("Dr Jane Smith", "Clinical chair", "GMC 4412345", "jane@example.org"),
    };

    private static AssemblyGrant Grant(AssemblyLinkKind kind, string instance, string member, int attempt) =>
        new(kind, instance, instance.Split(':')[0], member, kind == AssemblyLinkKind.Review ? "DesignGroup" : "AccountableOfficer", "Officer", $"officer@{member}.example.org", attempt);

    private static string Page(IDocument page) => page.QuerySelector("main")?.GetAttribute("data-page") ?? "(none)";

    private static Dictionary<string, string> Form(IDocument page) =>
        page.QuerySelectorAll("form input[type=hidden]").ToDictionary(i => i.GetAttribute("name")!, i => i.GetAttribute("value") ?? string.Empty);

    private string Link(AssemblyLinkKind kind, string instance, string member, int attempt = 1) =>
        AssemblyLinks.Route + "/" + this.Tokens.Issue(Grant(kind, instance, member, attempt), DateTimeOffset.UtcNow.AddDays(1));

    private async Task<(HttpStatusCode, string)> ShowAsync(string link)
    {
        (HttpResponseMessage response, IDocument page) = await this.GetAsync(link);
        using (response)
        {
            return (response.StatusCode, Page(page));
        }
    }

    private async Task<(HttpResponseMessage, IDocument)> GetAsync(string link)
    {
        HttpResponseMessage response = await this.app.Anonymous.GetAsync(new Uri(link, UriKind.Relative));
        return (response, await new HtmlParser().ParseDocumentAsync(await response.Content.ReadAsStringAsync()));
    }

    private async Task<(HttpResponseMessage, IDocument)> PostAsync(string link, Dictionary<string, string> form)
    {
        HttpResponseMessage response = await this.app.Anonymous.PostAsync(new Uri(link, UriKind.Relative), new FormUrlEncodedContent(form));
        return (response, await new HtmlParser().ParseDocumentAsync(await response.Content.ReadAsStringAsync()));
    }
}
