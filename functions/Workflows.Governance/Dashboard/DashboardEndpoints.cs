using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;
using Workflows.DurableTask.Http;
using Workflows.Governance.Email;
using Workflows.Governance.Security;

namespace Workflows.Governance.Dashboard;

/// <summary>Maps the operator dashboard: server-rendered pages, no front-end build.</summary>
public static class DashboardEndpoints
{
    /// <summary>The routes' prefix.</summary>
    public const string Route = "/dashboard";

    /// <summary>Maps the dashboard (needs <c>AddAdminKey</c> and <c>AddDashboard</c>):
    /// <list type="bullet">
    /// <item><c>GET|POST /dashboard/signin</c>: asks for the admin key once and keeps a session cookie; <c>POST /dashboard/signout</c>.</item>
    /// <item><c>GET /dashboard</c>: the instances, filtered and paged, with counts by status.</item>
    /// <item><c>GET /dashboard/instances/{id}</c>: one instance, its history and timeline, and its actions
    /// (<c>POST /dashboard/instances/{id}/{action}</c>: raise, terminate, suspend, resume, rewind, restart, purge).</item>
    /// <item><c>GET /dashboard/proposals</c>: the proposals by stage, with each member body's state.</item>
    /// <item><c>GET /dashboard/assembly</c>: the assembly's nomination rounds, consultations and work-programme rounds;
    /// <c>GET /dashboard/assembly/{kind}/{id}</c>: one round and each member's state.</item>
    /// </list>
    /// Every page but sign-in redirects to sign-in without a session; every form post is anti-forgery protected.</summary>
    public static RouteGroupBuilder MapDashboard(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        IServiceProvider services = endpoints.ServiceProvider;
        ILogger logger = services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(DashboardEndpoints).FullName!);
        var session = new DashboardSession(services.GetRequiredService<IDataProtectionProvider>(), services.GetRequiredService<IOptionsMonitor<AdminKeyOptions>>());
        bool outbox = !services.GetRequiredService<IOptions<EmailOptions>>().Value.UsesSendGrid;
        var handlers = new DashboardHandlers(session, logger, outbox, services.GetService<TimeProvider>() ?? TimeProvider.System, services.GetRequiredService<SignInThrottle>());

        RouteGroupBuilder group = endpoints.MapGroup(Route).ExcludeFromDescription();
        group.MapGet("/signin", DashboardHandlers.SignInPage).WithName("DashboardSignIn");
        group.MapPost("/signin", handlers.SignInAsync).WithName("DashboardSignInPost");
        group.MapPost("/signout", handlers.SignOutAsync).WithName("DashboardSignOut");

        RouteGroupBuilder pages = group.MapGroup(string.Empty);
        pages.AddEndpointFilter(async (context, next) => SignInRedirect(context.HttpContext, session) ?? await next(context));
        // An instance id may hold slashes (escaped as %2F in its links).
        pages.WithRawRouteValue("id");
        pages.MapGet("/", handlers.InstancesAsync).WithName("DashboardInstances");
        pages.MapGet("/instances/{id}", handlers.InstanceAsync).WithName("DashboardInstance");
        pages.MapPost("/instances/{id}/{action}", handlers.ActionAsync).WithName("DashboardInstanceAction");
        pages.MapGet("/proposals", handlers.ProposalsAsync).WithName("DashboardProposals");
        pages.MapGet("/assembly", handlers.AssemblyAsync).WithName("DashboardAssembly");
        pages.MapGet("/assembly/{kind}/{id}", handlers.AssemblyRoundAsync).WithName("DashboardAssemblyRound");
        return group;
    }

    /// <summary>The redirect to sign-in for a request without a dashboard session, or null when it has one.</summary>
    internal static IResult? SignInRedirect(HttpContext http, DashboardSession session)
    {
        if (session.IsSignedIn(http))
        {
            return null;
        }

        // Back to the page after signing in; a form post is not repeated (its page is shown again instead).
        if (!HttpMethods.IsGet(http.Request.Method))
        {
            return Results.Redirect($"{Route}/signin");
        }

        string returnUrl = (http.Request.PathBase + http.Request.Path + http.Request.QueryString).ToString();
        return Results.Redirect($"{Route}/signin?returnUrl={Uri.EscapeDataString(returnUrl)}");
    }
}
