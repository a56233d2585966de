namespace Workflows.Governance.Approvals;

/// <summary>Maps the pages approvers reach from the links in their emails.</summary>
public static class ApprovalPagesEndpoints
{
    /// <summary>The routes' prefix.</summary>
    public const string Route = "/approvals";

    /// <summary>Maps the approval pages, which need no admin key (the signed link is all an approver has) and need
    /// <c>AddAntiforgery</c>:
    /// <list type="bullet">
    /// <item><c>GET /approvals/{token}</c>: the proposal, its papers and the decision about to be taken, with a confirm
    /// form; it decides nothing, since mail scanners open links.</item>
    /// <item><c>POST /approvals/{token}</c>: anti-forgery protected; raises the decision once, while the workflow waits
    /// for it, then shows whether it was recorded.</item>
    /// <item><c>GET /approvals/{token}/papers/{name}</c>: a paper of that proposal, as a download.</item>
    /// </list>
    /// Links that change nothing get a page saying why: 400 for an invalid or altered link or a failed anti-forgery
    /// check, 410 for a passed deadline, a withdrawn proposal or a decision no longer awaited, 409 for a decision
    /// already taken.</summary>
    public static RouteGroupBuilder MapApprovalPages(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ILogger logger = endpoints.ServiceProvider.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(ApprovalPagesEndpoints).FullName!);
        var handlers = new ApprovalPageHandlers(logger, endpoints.ServiceProvider.GetRequiredService<IRaisedDecisionLedger>());
        RouteGroupBuilder group = endpoints.MapGroup(Route).ExcludeFromDescription();
        group.MapGet("/{token}", handlers.ShowAsync).WithName("ShowApproval");
        group.MapPost("/{token}", handlers.ConfirmAsync).WithName("ConfirmApproval");
        group.MapGet("/{token}/papers/{name}", handlers.PaperAsync).WithName("GetApprovalPaper");
        return group;
    }
}
