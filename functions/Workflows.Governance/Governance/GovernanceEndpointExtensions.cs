using Workflows.Governance.Security;

namespace Workflows.Governance.Governance;

/// <summary>Maps the governance API.</summary>
public static class GovernanceEndpointExtensions
{
    /// <summary>Maps GET <c>/api/governance</c>, an admin route (it needs
    /// <see cref="AdminKeyServiceCollectionExtensions.AddAdminKey"/>): the configuration in force (bodies with their
    /// committees, the congress, categories with the ids of the bodies that reserve them, threshold and policy), without
    /// any email address.</summary>
    public static RouteHandlerBuilder MapGovernanceApi(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        return endpoints.MapGet("/api/governance", (GovernanceConfiguration configuration) => TypedResults.Ok(View(configuration)))
            .WithName("GetGovernance")
            .RequireAdminKey();
    }

    // Names only: the configuration's people and addresses are not for an API response.
    internal static object View(GovernanceConfiguration configuration) => new
    {
        bodies = configuration.Bodies.Select(b => new
        {
            id = b.Id,
            name = b.Name,
            kind = b.Kind.ToString(),
            governingBody = new { name = b.GoverningBody.Name },
            committees = b.Committees.Select(c => new { id = c.Id, name = c.Name }),
        }),
        congress = new { name = configuration.Congress.Name },
        categories = configuration.Categories.Select(c => new
        {
            id = c.Id,
            name = c.Name,
            reservedBy = configuration.ReservedBy(c.Id).Select(b => b.Id),
        }),
        threshold = configuration.Threshold,
        policy = configuration.Policy.ToString(),
    };
}
