using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Options;
using Workflows.DurableTask.Queries;
using Workflows.Governance.Approvals;
using Workflows.Governance.Assembly;
using Workflows.Governance.Assembly.Http;
using Workflows.Governance.Assembly.Links;
using Workflows.Governance.Assembly.Pages;
using Workflows.Governance.Dashboard;
using Workflows.Governance.Documents;
using Workflows.Governance.Email;
using Workflows.Governance.Governance;
using Workflows.Governance.Instances;
using Workflows.Governance.Proposals;
using Workflows.Governance.Proposals.Http;
using Workflows.Governance.Security;

namespace Workflows.Governance.Http;

/// <summary>Every route of the governance app as one call, for a host that does not map them itself (the Function
/// App's HTTP functions): each checks what the mapped route's filters check (the admin key, the dashboard session) and
/// calls the same handler. The caller passes its <see cref="DurableTaskClient"/> and the route's values; the other
/// services come from the request's services.</summary>
public sealed class GovernanceHttp
{
    private readonly AdminKeyEndpointFilter adminKey;
    private readonly StartProposalEndpoint start;
    private readonly ApprovalPageHandlers approvals;
    private readonly StartRoundEndpoints startRound;
    private readonly AssemblyLinkPages assemblyLinks;
    private readonly DashboardSession session;
    private readonly DashboardHandlers dashboard;
    private readonly bool outbox;

    /// <summary>Creates the routes from the app's root services (registered by <c>AddGovernanceHttp</c>).</summary>
    public GovernanceHttp(IServiceProvider services)
    {
        ArgumentNullException.ThrowIfNull(services);
        ILoggerFactory loggers = services.GetRequiredService<ILoggerFactory>();
        this.adminKey = new AdminKeyEndpointFilter(services.GetRequiredService<IOptionsMonitor<AdminKeyOptions>>(), loggers.CreateLogger<AdminKeyEndpointFilter>());
        this.start = new StartProposalEndpoint(ProposalApiOptions.From(services.GetRequiredService<IConfiguration>()));
        this.approvals = new ApprovalPageHandlers(loggers.CreateLogger(typeof(ApprovalPagesEndpoints).FullName!), services.GetRequiredService<IRaisedDecisionLedger>());
        this.startRound = new StartRoundEndpoints(ProposalApiOptions.From(services.GetRequiredService<IConfiguration>()));
        this.assemblyLinks = new AssemblyLinkPages(loggers.CreateLogger(typeof(AssemblyLinkPagesEndpoints).FullName!));
        this.session = new DashboardSession(services.GetRequiredService<IDataProtectionProvider>(), services.GetRequiredService<IOptionsMonitor<AdminKeyOptions>>());
        this.outbox = !services.GetRequiredService<IOptions<EmailOptions>>().Value.UsesSendGrid;
        this.dashboard = new DashboardHandlers(
            this.session, loggers.CreateLogger(typeof(DashboardEndpoints).FullName!), this.outbox, services.GetService<TimeProvider>() ?? TimeProvider.System, services.GetRequiredService<SignInThrottle>());
    }

    /// <summary><c>GET /api/governance</c> (admin).</summary>
    public Task<IResult> GetGovernanceAsync(HttpContext context) =>
        this.Admin(context, () => Task.FromResult<IResult>(TypedResults.Ok(GovernanceEndpointExtensions.View(Get<GovernanceConfiguration>(context)))));

    /// <summary><c>POST /api/proposals</c> (admin).</summary>
    public Task<IResult> StartProposalAsync(HttpContext context, DurableTaskClient client) =>
        this.Admin(context, () => this.start.HandleAsync(
            context, client, Get<GovernanceConfiguration>(context), Get<ProposalPlanner>(context), Get<IDocumentStore>(context), Get<ILoggerFactory>(context)));

    /// <summary><c>GET /api/proposals</c> (admin).</summary>
    public Task<IResult> ListProposalsAsync(HttpContext context, DurableTaskClient client) =>
        this.Admin(context, () => ProposalStatusEndpoints.ListAsync(context, Instances(context, client), Get<ILoggerFactory>(context)));

    /// <summary><c>GET /api/proposals/{id}</c> (admin).</summary>
    public Task<IResult> GetProposalAsync(HttpContext context, DurableTaskClient client, string id) =>
        this.Admin(context, () => ProposalStatusEndpoints.GetAsync(id, context, client, Get<GovernanceConfiguration>(context), Get<ILoggerFactory>(context)));

    /// <summary><c>POST /api/proposals/{id}/withdraw</c> (admin).</summary>
    public Task<IResult> WithdrawProposalAsync(HttpContext context, DurableTaskClient client, string id) =>
        this.Admin(context, () => ProposalActionEndpoints.WithdrawAsync(id, context, client, Get<ILoggerFactory>(context)));

    /// <summary><c>POST /api/proposals/{id}/deadline</c> (admin).</summary>
    public Task<IResult> ExtendDeadlineAsync(HttpContext context, DurableTaskClient client, string id) =>
        this.Admin(context, () => ProposalActionEndpoints.ExtendDeadlineAsync(id, context, client, Get<ILoggerFactory>(context)));

    /// <summary><c>POST /api/proposals/{id}/bodies/{bodyId}/decision</c> (admin).</summary>
    public Task<IResult> RecordBodyDecisionAsync(HttpContext context, DurableTaskClient client, string id, string bodyId) =>
        this.Admin(context, () => ProposalActionEndpoints.DecideAsync(id, bodyId, context, client, Get<ILoggerFactory>(context)));

    /// <summary><c>POST /api/proposals/{id}/resend</c> (admin).</summary>
    public Task<IResult> ResendAsync(HttpContext context, DurableTaskClient client, string id) =>
        this.Admin(context, () => ProposalActionEndpoints.ResendAsync(id, context, client, Get<ILoggerFactory>(context)));

    /// <summary><c>GET /api/proposals/{id}/papers/{name}</c> (admin).</summary>
    public Task<IResult> ProposalPaperAsync(HttpContext context, string id, string name) =>
        this.Admin(context, () => ProposalDocumentEndpoints.PaperAsync(id, name, context, Get<IDocumentStore>(context)));

    /// <summary><c>GET /proposals/{id}/record</c>: a decided proposal's record, public.</summary>
    public Task<IResult> DecisionRecordAsync(HttpContext context, string id) =>
        ProposalDocumentEndpoints.RecordAsync(id, context, Get<IDocumentStore>(context));

    /// <summary><c>GET /approvals/{token}</c>: the approval page; opening it changes nothing.</summary>
    public Task<IResult> ShowApprovalAsync(HttpContext context, DurableTaskClient client, string token) =>
        this.approvals.ShowAsync(token, context, Get<ApprovalTokens>(context), client, Get<IAntiforgery>(context), Clock(context));

    /// <summary><c>POST /approvals/{token}</c>: the confirmed decision.</summary>
    public Task<IResult> ConfirmApprovalAsync(HttpContext context, DurableTaskClient client, string token) =>
        this.approvals.ConfirmAsync(token, context, Get<ApprovalTokens>(context), client, Get<IAntiforgery>(context), Clock(context));

    /// <summary><c>GET /approvals/{token}/papers/{name}</c>: a paper of the proposal a link is for.</summary>
    public Task<IResult> ApprovalPaperAsync(HttpContext context, DurableTaskClient client, string token, string name) =>
        this.approvals.PaperAsync(token, name, context, Get<ApprovalTokens>(context), client, Get<IDocumentStore>(context), Clock(context));

    /// <summary><c>GET /api/assembly</c> (admin).</summary>
    public Task<IResult> GetAssemblyAsync(HttpContext context) =>
        this.Admin(context, () => Task.FromResult<IResult>(TypedResults.Ok(AssemblyApiEndpoints.View(Get<AssemblyConfiguration>(context)))));

    /// <summary><c>POST /api/assembly/nominations</c> (admin): 202 with the round's status route.</summary>
    public Task<IResult> StartNominationRoundAsync(HttpContext context, DurableTaskClient client) =>
        this.Admin(context, () => StartRoundEndpoints.NominationsAsync(
            context, client, Get<AssemblyConfiguration>(context), Get<IOptions<AssemblyTimingOptions>>(context), Clock(context), Get<ILoggerFactory>(context)));

    /// <summary><c>POST /api/assembly/consultations</c> (admin): stores the drafts; 202 with the round's status route.</summary>
    public Task<IResult> StartConsultationAsync(HttpContext context, DurableTaskClient client) =>
        this.Admin(context, () => this.startRound.ConsultationsAsync(
            context, client, Get<AssemblyConfiguration>(context), Get<IOptions<AssemblyTimingOptions>>(context), Get<IDocumentStore>(context), Clock(context), Get<ILoggerFactory>(context)));

    /// <summary><c>POST /api/assembly/work-programme</c> (admin): 202 with the round's status route.</summary>
    public Task<IResult> StartWorkProgrammeAsync(HttpContext context, DurableTaskClient client) =>
        this.Admin(context, () => StartRoundEndpoints.WorkProgrammeAsync(
            context, client, Get<AssemblyConfiguration>(context), Get<IOptions<AssemblyTimingOptions>>(context), Get<IDocumentStore>(context), Clock(context), Get<ILoggerFactory>(context)));

    /// <summary><c>GET /api/assembly/{kind}/{id}</c> (admin): the round and each member's state.</summary>
    public Task<IResult> AssemblyRoundAsync(HttpContext context, DurableTaskClient client, AssemblyRoundKind kind, string id) =>
        this.Admin(context, () => new RoundActionEndpoints(kind).StatusAsync(id, context, Rounds(context, client)));

    /// <summary><c>POST /api/assembly/{kind}/{id}/close</c> (admin).</summary>
    public Task<IResult> CloseAssemblyRoundAsync(HttpContext context, DurableTaskClient client, AssemblyRoundKind kind, string id) =>
        this.Admin(context, () => new RoundActionEndpoints(kind).CloseAsync(id, context, Rounds(context, client), Get<ILoggerFactory>(context)));

    /// <summary><c>POST /api/assembly/{kind}/{id}/extend</c> (admin).</summary>
    public Task<IResult> ExtendAssemblyRoundAsync(HttpContext context, DurableTaskClient client, AssemblyRoundKind kind, string id) =>
        this.Admin(context, () => new RoundActionEndpoints(kind).ExtendAsync(id, context, Rounds(context, client), Clock(context), Get<ILoggerFactory>(context)));

    /// <summary><c>POST /api/assembly/{kind}/{id}/resend</c> (admin).</summary>
    public Task<IResult> ResendAssemblyRoundAsync(HttpContext context, DurableTaskClient client, AssemblyRoundKind kind, string id) =>
        this.Admin(context, () => new RoundActionEndpoints(kind).ResendAsync(id, context, Rounds(context, client), Get<ILoggerFactory>(context)));

    /// <summary><c>GET /api/assembly/{kind}/{id}/record</c> (admin): JSON, or HTML when asked for.</summary>
    public Task<IResult> AssemblyRecordAsync(HttpContext context, AssemblyRoundKind kind, string id) =>
        this.Admin(context, () => new RoundActionEndpoints(kind).RecordAsync(id, context, Get<IDocumentStore>(context)));

    /// <summary><c>POST /api/assembly/nominations/{id}/members/{memberId}/nomination</c> (admin).</summary>
    public Task<IResult> RecordNominationAsync(HttpContext context, DurableTaskClient client, string id, string memberId) =>
        this.Admin(context, () => OnBehalfEndpoints.NominationAsync(id, memberId, context, Rounds(context, client), Get<ILoggerFactory>(context)));

    /// <summary><c>POST /api/assembly/nominations/{id}/members/{memberId}/review</c> (admin).</summary>
    public Task<IResult> RecordReviewAsync(HttpContext context, DurableTaskClient client, string id, string memberId) =>
        this.Admin(context, () => OnBehalfEndpoints.ReviewAsync(id, memberId, context, Rounds(context, client), Get<ILoggerFactory>(context)));

    /// <summary><c>POST /api/assembly/consultations/{id}/members/{memberId}/response</c> (admin).</summary>
    public Task<IResult> RecordResponseAsync(HttpContext context, DurableTaskClient client, string id, string memberId) =>
        this.Admin(context, () => OnBehalfEndpoints.ResponseAsync(id, memberId, context, Rounds(context, client), Get<ILoggerFactory>(context)));

    /// <summary><c>POST /api/assembly/work-programme/{id}/members/{memberId}/interest</c> (admin).</summary>
    public Task<IResult> RecordInterestAsync(HttpContext context, DurableTaskClient client, string id, string memberId) =>
        this.Admin(context, () => OnBehalfEndpoints.InterestAsync(id, memberId, context, Rounds(context, client), Get<ILoggerFactory>(context)));

    /// <summary><c>GET /assembly/links/{token}</c>: the form an assembly link is for; opening it changes nothing.</summary>
    public Task<IResult> ShowAssemblyLinkAsync(HttpContext context, DurableTaskClient client, string token) =>
        this.assemblyLinks.ShowAsync(token, context, Get<AssemblyTokens>(context), client, Get<IAntiforgery>(context), Get<AssemblyHtml>(context), Clock(context));

    /// <summary><c>POST /assembly/links/{token}</c>: the confirmed answer.</summary>
    public Task<IResult> ConfirmAssemblyLinkAsync(HttpContext context, DurableTaskClient client, string token) =>
        this.assemblyLinks.ConfirmAsync(token, context, Get<AssemblyTokens>(context), client, Get<IAntiforgery>(context), Get<AssemblyHtml>(context), Clock(context));

    /// <summary><c>GET /assembly/links/{token}/documents/{documentId}</c>: a draft of the consultation a link is for.</summary>
    public Task<IResult> AssemblyDraftAsync(HttpContext context, DurableTaskClient client, string token, string documentId) =>
        this.assemblyLinks.DocumentAsync(
            token, documentId, context, Get<AssemblyTokens>(context), client, Get<IDocumentStore>(context), Get<AssemblyHtml>(context), Clock(context));

    /// <summary><c>GET /assembly/assets/forms.css</c>: the stylesheet of the assembly's link pages.</summary>
    public IResult AssemblyFormsStylesheet(HttpContext context) => AssemblyStylesheet.Serve(context);

    /// <summary><c>GET /dashboard/signin</c>.</summary>
    public IResult DashboardSignInPage(HttpContext context) => DashboardHandlers.SignInPage(context, Get<IAntiforgery>(context));

    /// <summary><c>POST /dashboard/signin</c>.</summary>
    public Task<IResult> DashboardSignInAsync(HttpContext context) => this.dashboard.SignInAsync(context, Get<IAntiforgery>(context));

    /// <summary><c>POST /dashboard/signout</c>.</summary>
    public Task<IResult> DashboardSignOutAsync(HttpContext context) => this.dashboard.SignOutAsync(context, Get<IAntiforgery>(context));

    /// <summary><c>GET /dashboard</c> (session).</summary>
    public Task<IResult> DashboardInstancesAsync(HttpContext context, DurableTaskClient client) =>
        this.SignedIn(context, () => this.dashboard.InstancesAsync(context, Instances(context, client), Get<IAntiforgery>(context)));

    /// <summary><c>GET /dashboard/instances/{id}</c> (session).</summary>
    public Task<IResult> DashboardInstanceAsync(HttpContext context, DurableTaskClient client, string id) =>
        this.SignedIn(context, () => this.dashboard.InstanceAsync(id, context, Instances(context, client), Get<IAntiforgery>(context)));

    /// <summary><c>POST /dashboard/instances/{id}/{action}</c> (session).</summary>
    public Task<IResult> DashboardActionAsync(HttpContext context, DurableTaskClient client, string id, string action) =>
        this.SignedIn(context, () => this.dashboard.ActionAsync(id, action, context, Instances(context, client), Get<IAntiforgery>(context)));

    /// <summary><c>GET /dashboard/proposals</c> (session).</summary>
    public Task<IResult> DashboardProposalsAsync(HttpContext context, DurableTaskClient client) =>
        this.SignedIn(context, () => this.dashboard.ProposalsAsync(context, Instances(context, client), Get<IAntiforgery>(context)));

    /// <summary><c>GET /dashboard/assembly</c>: the assembly's rounds (signed in).</summary>
    public Task<IResult> DashboardAssemblyAsync(HttpContext context, DurableTaskClient client) =>
        this.SignedIn(context, () => this.dashboard.AssemblyAsync(context, Instances(context, client), Get<IAntiforgery>(context)));

    /// <summary><c>GET /dashboard/assembly/{kind}/{id}</c>: one round and each member's state (signed in).</summary>
    public Task<IResult> DashboardAssemblyRoundAsync(HttpContext context, DurableTaskClient client, string kind, string id) =>
        this.SignedIn(context, () => this.dashboard.AssemblyRoundAsync(kind, id, context, Instances(context, client), Get<IAntiforgery>(context)));

    /// <summary><c>GET /dev/outbox</c>: 404 when email goes through SendGrid.</summary>
    public Task<IResult> OutboxAsync(HttpContext context) =>
        this.outbox ? DevelopmentOutboxEndpoints.ListAsync(context, Get<DevelopmentOutbox>(context), context.RequestAborted) : Task.FromResult<IResult>(TypedResults.NotFound());

    /// <summary><c>GET /dev/outbox/{id}</c>: 404 when email goes through SendGrid.</summary>
    public Task<IResult> OutboxMessageAsync(HttpContext context, string id) =>
        this.outbox ? DevelopmentOutboxEndpoints.ShowAsync(id, context, Get<DevelopmentOutbox>(context), context.RequestAborted) : Task.FromResult<IResult>(TypedResults.NotFound());

    private static T Get<T>(HttpContext context)
        where T : notnull => context.RequestServices.GetRequiredService<T>();

    private static TimeProvider Clock(HttpContext context) => context.RequestServices.GetService<TimeProvider>() ?? TimeProvider.System;

    private static InstanceReader Instances(HttpContext context, DurableTaskClient client) =>
        new(client, context.RequestServices.GetServices<IInstanceQueryPort>());

    private static AssemblyRounds Rounds(HttpContext context, DurableTaskClient client) => new(Instances(context, client));

    private Task<IResult> Admin(HttpContext context, Func<Task<IResult>> handler)
    {
        ArgumentNullException.ThrowIfNull(context);
        return this.adminKey.Refusal(context.Request) is { } refused ? Task.FromResult(refused) : handler();
    }

    private Task<IResult> SignedIn(HttpContext context, Func<Task<IResult>> handler)
    {
        ArgumentNullException.ThrowIfNull(context);
        return DashboardEndpoints.SignInRedirect(context, this.session) is { } redirect ? Task.FromResult(redirect) : handler();
    }
}
