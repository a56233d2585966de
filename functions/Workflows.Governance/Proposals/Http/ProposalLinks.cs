using Microsoft.AspNetCore.Http.Extensions;

namespace Workflows.Governance.Proposals.Http;

/// <summary>The absolute links of the proposal API, for the request's scheme, host and path base; the path is escaped
/// as a whole, so ids and names go in as they are.</summary>
internal static class ProposalLinks
{
    public static Uri Proposal(HttpRequest request, string id) => Absolute(request, $"/api/proposals/{id}");

    public static Uri Paper(HttpRequest request, string id, string name) =>
        Absolute(request, $"/api/proposals/{id}/papers/{name}");

    public static Uri Record(HttpRequest request, string id) => Absolute(request, $"/proposals/{id}/record");

    /// <summary>The document store path of a paper.</summary>
    public static string PaperPath(string id, string name) => $"proposals/{id}/papers/{name}";

    private static Uri Absolute(HttpRequest request, string path) =>
        new(UriHelper.BuildAbsolute(request.Scheme, request.Host, request.PathBase, new PathString(path)));
}
