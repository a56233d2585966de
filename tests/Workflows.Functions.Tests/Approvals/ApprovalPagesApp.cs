using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Workflows.DurableTask.Queries;
using DurableTask.Core.History;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Workflows.Functions.Approvals;
using Workflows.Functions.Documents;
using Workflows.Functions.Governance;
using Workflows.Functions.Proposals;
using Workflows.Functions.Tests.Infrastructure;

namespace Workflows.Functions.Tests.Approvals;

/// <summary>The app on a real engine (temporary data folder), with helpers that start real proposals, issue approval
/// links with the app's own token service, and open and confirm the pages the way a browser does.</summary>
public sealed class ApprovalPagesApp : IAsyncLifetime
{
    public const string RaisingBody = "cannock-chase-ccg";
    public const string RaisingCommittee = "quality";

    // Not reserved by any member and without a value: the congress decides unless it refers the proposal.
    public const string Category = "service-change";

    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    public ApprovalPagesApp()
        : this(reminderInterval: "06:00:00", escalateAfter: "12:00:00", decisionDeadline: "1.00:00:00")
    {
    }

    private ApprovalPagesApp(string reminderInterval, string escalateAfter, string decisionDeadline, int? kestrelPort = null, Action<IServiceCollection>? services = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Security:AdminKey"] = "approval-pages-admin-key",
            ["Governance:Timing:ReminderInterval"] = reminderInterval,
            ["Governance:Timing:EscalateAfter"] = escalateAfter,
            ["Governance:Timing:DecisionDeadline"] = decisionDeadline,
        };
        if (kestrelPort is { } port)
        {
            settings["Governance:Approvals:PublicBaseUrl"] = $"http://127.0.0.1:{port}";
        }

        this.Factory = new FunctionsAppFactory(settings: settings, services: services);
        if (kestrelPort is { } listen)
        {
            this.Factory.UseKestrel(options => options.Listen(IPAddress.Loopback, listen));
        }
    }

    public FunctionsAppFactory Factory { get; }

    /// <summary>An app served by Kestrel on 127.0.0.1:<paramref name="port"/>, with approval links to that address, for
    /// a real browser.</summary>
    public static ApprovalPagesApp OnKestrel(int port) => new("06:00:00", "12:00:00", "1.00:00:00", port);

    /// <summary>An app whose store has no query port, as a provider that can only do what the SDK's query does.</summary>
    public static ApprovalPagesApp WithoutQueryPort() =>
        new("06:00:00", "12:00:00", "1.00:00:00", services: s => s.RemoveAll<IInstanceQueryPort>());

    /// <summary>An app whose decisions time out quickly.</summary>
    public static ApprovalPagesApp WithTiming(string reminderInterval, string escalateAfter, string decisionDeadline) =>
        new(reminderInterval, escalateAfter, decisionDeadline);

    public DurableTaskClient Client => this.Factory.Services.GetRequiredService<DurableTaskClient>();

    public ApprovalTokens Tokens => this.Factory.Services.GetRequiredService<ApprovalTokens>();

    public IDocumentStore Documents => this.Factory.Services.GetRequiredService<IDocumentStore>();

    public Task InitializeAsync()
    {
        // Starts the host (and its engine worker).
        _ = this.Factory.Services;
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await this.Factory.DisposeAsync();

    /// <summary>A browser: keeps cookies, does not follow redirects.</summary>
    public HttpClient Browser() => this.Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    /// <summary>Stores the papers and starts a proposal with the app's planner; returns once the committee chair is asked.</summary>
    public async Task<ProposalInput> StartProposalAsync(string id, params (string Name, string ContentType, byte[] Content)[] papers)
    {
        var references = new List<PaperReference>();
        foreach ((string name, string contentType, byte[] content) in papers)
        {
            string path = $"proposals/{id}/papers/{name}";
            await this.Documents.SaveAsync(path, content, contentType, overwrite: false);
            references.Add(new PaperReference(name, contentType, path, content.Length));
        }

        ProposalPlanner planner = this.Factory.Services.GetRequiredService<ProposalPlanner>();
        var input = new ProposalInput
        {
            Id = id,
            Title = $"Community diabetes service <{id}> & \"redesign\"",
            Summary = "Move diabetes follow-up from the hospital to community clinics.\nSecond line of the summary.",
            CategoryId = Category,
            BodyId = RaisingBody,
            CommitteeId = RaisingCommittee,
            Papers = references,
            Plan = planner.Plan(RaisingBody, RaisingCommittee, Category, value: null),
        };
        await this.Client.ScheduleNewOrchestrationInstanceAsync(nameof(ProposalOrchestrator), input, new StartOrchestrationOptions(id));
        await this.WaitForProposalAsync(id, s => s.Committee is { State: "Pending" });
        return input;
    }

    /// <summary>A link's token for the committee chair, the congress chair, or a governing body's approver or deputy.</summary>
    public async Task<string> TokenAsync(ProposalInput proposal, string participantId, ApprovalDecision decision, bool deputy = false, DateTimeOffset? expires = null)
    {
        ArgumentNullException.ThrowIfNull(proposal);
        ParticipantPlan plan = participantId switch
        {
            "committee" => proposal.Plan.Committee,
            "congress" => proposal.Plan.Congress,
            _ => proposal.Plan.Bodies.Single(b => b.Id == participantId),
        };
        Person person = deputy ? plan.Deputy! : plan.Approver;
        bool isBody = participantId is not ("committee" or "congress");
        string instanceId = isBody ? GoverningBodyApprovalOrchestrator.InstanceIdFor(proposal.Id, participantId) : proposal.Id;
        DateTime deadline = isBody
            ? (await this.WaitForCustomStatusAsync<ParticipantStatus>(instanceId, _ => true)).Deadline!.Value
            : (await this.StatusAsync(proposal.Id)).Deadline!.Value;
        var grant = new ApprovalGrant(instanceId, proposal.Id, participantId, deputy ? "Deputy" : plan.Role, person.Name, person.Email, decision);
        return this.Tokens.Issue(grant, expires ?? new DateTimeOffset(DateTime.SpecifyKind(deadline, DateTimeKind.Utc)));
    }

    public async Task<ProposalStatus> StatusAsync(string id) =>
        (await this.Client.GetInstanceAsync(id, getInputsAndOutputs: true))!.ReadCustomStatusAs<ProposalStatus>()!;

    public Task<ProposalStatus> WaitForProposalAsync(string id, Func<ProposalStatus, bool> condition) =>
        this.WaitForCustomStatusAsync(id, condition);

    public async Task<T> WaitForCustomStatusAsync<T>(string instanceId, Func<T, bool> condition)
        where T : class
    {
        using var timeout = new CancellationTokenSource(Patience);
        while (true)
        {
            OrchestrationMetadata? metadata = await this.Client.GetInstanceAsync(instanceId, getInputsAndOutputs: true, timeout.Token);
            if (metadata?.SerializedCustomStatus is not null && metadata.ReadCustomStatusAs<T>() is { } status && condition(status))
            {
                return status;
            }

            await Task.Delay(50, timeout.Token);
        }
    }

    /// <summary>Waits until the instance's history holds an event that matches.</summary>
    public async Task<IList<HistoryEvent>> WaitForHistoryAsync(string instanceId, Func<IList<HistoryEvent>, bool> condition)
    {
        using var timeout = new CancellationTokenSource(Patience);
        while (true)
        {
            IList<HistoryEvent> history = await this.Client.GetOrchestrationHistoryAsync(instanceId, timeout.Token);
            if (condition(history))
            {
                return history;
            }

            await Task.Delay(50, timeout.Token);
        }
    }

    public async Task<OrchestrationMetadata> WaitForCompletionAsync(string instanceId)
    {
        using var timeout = new CancellationTokenSource(Patience);
        return await this.Client.WaitForInstanceCompletionAsync(instanceId, getInputsAndOutputs: true, timeout.Token);
    }

    /// <summary>The decision events the instance has received.</summary>
    public async Task<int> DecisionEventsAsync(string instanceId) =>
        (await this.Client.GetOrchestrationHistoryAsync(instanceId)).OfType<EventRaisedEvent>().Count(e => e.Name == ProposalEvents.Decision);

    /// <summary>Every event the instance has received.</summary>
    public async Task<int> RaisedEventsAsync(string instanceId) =>
        (await this.Client.GetOrchestrationHistoryAsync(instanceId)).Count(e => e is EventRaisedEvent);

    public static async Task<Page> OpenAsync(HttpClient browser, string token)
    {
        ArgumentNullException.ThrowIfNull(browser);
        HttpResponseMessage response = await browser.GetAsync(new Uri($"/approvals/{token}", UriKind.Relative));
        return await Page.ReadAsync(response);
    }

    /// <summary>Submits the confirm form of <paramref name="page"/> as a browser would, with the given comment.</summary>
    public static async Task<Page> ConfirmAsync(HttpClient browser, Page page, string? comment = null)
    {
        ArgumentNullException.ThrowIfNull(browser);
        ArgumentNullException.ThrowIfNull(page);
        IHtmlFormElement form = page.Document.Forms.Single();
        Assert.Equal("post", form.Method, ignoreCase: true);
        var fields = form.Elements.OfType<IHtmlInputElement>().Where(i => i.Type == "hidden").Select(i => KeyValuePair.Create(i.Name!, i.Value)).ToList();
        fields.Add(KeyValuePair.Create("comment", comment ?? string.Empty));
        using var content = new FormUrlEncodedContent(fields);
        HttpResponseMessage response = await browser.PostAsync(new Uri(form.GetAttribute("action")!, UriKind.Relative), content);
        return await Page.ReadAsync(response);
    }

    /// <summary>A rendered approval page.</summary>
    public sealed record Page(HttpStatusCode Status, IHtmlDocument Document, HttpResponseMessage Response, string Html)
    {
        /// <summary>The page's name (the <c>data-page</c> of its <c>main</c> element).</summary>
        public string? Name => this.Document.QuerySelector("main")?.GetAttribute("data-page");

        public string Heading => this.Document.QuerySelector("h1")?.TextContent.Trim() ?? string.Empty;

        public string Text => this.Document.Body?.TextContent ?? string.Empty;

        public string? Field(string name) => this.Document.QuerySelector($"[data-field='{name}']")?.TextContent.Trim();

        public IElement? Element(string selector) => this.Document.QuerySelector(selector);

        public static async Task<Page> ReadAsync(HttpResponseMessage response)
        {
            ArgumentNullException.ThrowIfNull(response);
            string html = await response.Content.ReadAsStringAsync();
            IHtmlDocument document = new HtmlParser().ParseDocument(html);
            return new Page(response.StatusCode, document, response, html);
        }
    }
}
