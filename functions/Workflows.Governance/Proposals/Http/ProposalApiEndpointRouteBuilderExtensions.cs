using Workflows.Governance.Security;

namespace Workflows.Governance.Proposals.Http;

/// <summary>Maps the proposal API.</summary>
public static class ProposalApiEndpointRouteBuilderExtensions
{
    /// <summary>Maps the admin routes of proposals, each behind the admin key (it needs
    /// <see cref="AdminKeyServiceCollectionExtensions.AddAdminKey"/>), and their public decision records:
    /// <list type="bullet">
    /// <item><c>POST /api/proposals</c>: validates and starts a proposal; 202 with the Durable Functions check-status
    /// payload and <c>Location</c>, 400 naming every invalid field, 409 for an id in use.</item>
    /// <item><c>GET /api/proposals/{id}</c>: stage, tier, outcome, deadline and every decision, live; 404.</item>
    /// <item><c>GET /api/proposals</c>: summaries, filtered by <c>stage</c>, <c>outcome</c>, <c>status</c> (runtime),
    /// <c>top</c>, paged by the <c>x-ms-continuation-token</c> header.</item>
    /// <item><c>POST /api/proposals/{id}/withdraw</c>, <c>/deadline</c>, <c>/bodies/{bodyId}/decision</c>,
    /// <c>/resend</c>: admin actions; 202, 400, 404, 409.</item>
    /// <item><c>GET /api/proposals/{id}/papers/{name}</c>: a paper; 404.</item>
    /// <item><c>GET /proposals/{id}/record</c>, without the admin key: the decision record, HTML or JSON; 404 until it
    /// is written.</item>
    /// </list>
    /// Errors are problem+json.</summary>
    /// <exception cref="InvalidOperationException"><c>Governance:MaxDocumentBytes</c> or <c>Governance:MaxDocuments</c>
    /// is out of range.</exception>
    public static IEndpointRouteBuilder MapProposalApi(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ProposalApiOptions options = ProposalApiOptions.From(endpoints.ServiceProvider.GetRequiredService<IConfiguration>());
        var start = new StartProposalEndpoint(options);

        RouteGroupBuilder admin = endpoints.MapGroup("/api/proposals").RequireAdminKey();
        admin.MapPost(string.Empty, start.HandleAsync);
        admin.MapGet(string.Empty, ProposalStatusEndpoints.ListAsync);
        admin.MapGet("{id}", ProposalStatusEndpoints.GetAsync);
        admin.MapPost("{id}/withdraw", ProposalActionEndpoints.WithdrawAsync);
        admin.MapPost("{id}/deadline", ProposalActionEndpoints.ExtendDeadlineAsync);
        admin.MapPost("{id}/bodies/{bodyId}/decision", ProposalActionEndpoints.DecideAsync);
        admin.MapPost("{id}/resend", ProposalActionEndpoints.ResendAsync);
        admin.MapGet("{id}/papers/{name}", ProposalDocumentEndpoints.PaperAsync);

        endpoints.MapGet("/proposals/{id}/record", ProposalDocumentEndpoints.RecordAsync);
        return endpoints;
    }
}
