using Workflows.Governance.Proposals.Http;
using Workflows.Governance.Security;

namespace Workflows.Governance.Assembly.Http;

/// <summary>Maps the assembly API.</summary>
public static class AssemblyApiEndpoints
{
    /// <summary>Maps the assembly's admin routes, each behind the admin key (it needs
    /// <see cref="AdminKeyServiceCollectionExtensions.AddAdminKey"/>); errors are problem+json:
    /// <list type="bullet">
    /// <item><c>GET /api/assembly</c>: the configuration in force (members, design group, groups), without any email
    /// address.</item>
    /// <item><c>POST /api/assembly/nominations</c>, <c>/consultations</c>, <c>/work-programme</c>: start a round; 202
    /// with the status route, 400 naming every invalid field, 409 for an id in use or a roster not yet written.</item>
    /// <item><c>GET /api/assembly/{kind}/{id}</c>: the round and each member's state, live; 404.</item>
    /// <item><c>POST /api/assembly/{kind}/{id}/close</c>, <c>/extend</c>, <c>/resend</c>: steer a round; 202, 400, 404, 409.</item>
    /// <item><c>POST /api/assembly/nominations/{id}/members/{memberId}/nomination</c> and <c>/review</c>,
    /// <c>/consultations/{id}/members/{memberId}/response</c>, <c>/work-programme/{id}/members/{memberId}/interest</c>:
    /// record an answer on someone's behalf; 202, 400, 404, 409.</item>
    /// <item><c>GET /api/assembly/{kind}/{id}/record</c>: the record written at the close, JSON or HTML; 404 until then.</item>
    /// </list></summary>
    public static RouteGroupBuilder MapAssemblyApi(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var start = new StartRoundEndpoints(ProposalApiOptions.From(endpoints.ServiceProvider.GetRequiredService<IConfiguration>()));
        RouteGroupBuilder api = endpoints.MapGroup("/api/assembly").RequireAdminKey();
        api.MapGet(string.Empty, (AssemblyConfiguration assembly) => TypedResults.Ok(View(assembly))).WithName("GetAssembly");
        api.MapPost(AssemblyRoundKind.Nominations.Segment, StartRoundEndpoints.NominationsAsync);
        api.MapPost(AssemblyRoundKind.Consultations.Segment, start.ConsultationsAsync);
        api.MapPost(AssemblyRoundKind.WorkProgramme.Segment, StartRoundEndpoints.WorkProgrammeAsync);
        foreach (AssemblyRoundKind kind in AssemblyRoundKind.All)
        {
            var round = new RoundActionEndpoints(kind);
            api.MapGet($"{kind.Segment}/{{id}}", round.StatusAsync);
            api.MapPost($"{kind.Segment}/{{id}}/close", round.CloseAsync);
            api.MapPost($"{kind.Segment}/{{id}}/extend", round.ExtendAsync);
            api.MapPost($"{kind.Segment}/{{id}}/resend", round.ResendAsync);
            api.MapGet($"{kind.Segment}/{{id}}/record", round.RecordAsync);
        }

        api.MapPost("nominations/{id}/members/{memberId}/nomination", OnBehalfEndpoints.NominationAsync);
        api.MapPost("nominations/{id}/members/{memberId}/review", OnBehalfEndpoints.ReviewAsync);
        api.MapPost("consultations/{id}/members/{memberId}/response", OnBehalfEndpoints.ResponseAsync);
        api.MapPost("work-programme/{id}/members/{memberId}/interest", OnBehalfEndpoints.InterestAsync);
        return api;
    }

    /// <summary>The body of <c>GET /api/assembly</c>: names only, since the configuration's people and addresses are
    /// not for an API response.</summary>
    internal static object View(AssemblyConfiguration assembly) => new
    {
        name = assembly.Name,
        members = assembly.Members.Select(m => new { id = m.Id, name = m.Name }),
        designGroup = new { name = assembly.DesignGroup.Name, members = assembly.DesignGroup.Members.Select(p => p.Name) },
        groups = assembly.Groups.Select(g => new { id = g.Id, name = g.Name, capacity = g.Capacity }),
    };
}
