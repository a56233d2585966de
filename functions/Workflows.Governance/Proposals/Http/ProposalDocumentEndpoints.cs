using System.Text;
using System.Text.Encodings.Web;
using Microsoft.Net.Http.Headers;
using Workflows.Governance.Documents;
using Workflows.Governance.Email;

namespace Workflows.Governance.Proposals.Http;

/// <summary>A proposal's papers (an admin route) and its decision record (public: outcome emails link to it).</summary>
internal static class ProposalDocumentEndpoints
{
    private const string HtmlContentType = "text/html; charset=utf-8";

    /// <summary><c>GET /api/proposals/{id}/papers/{name}</c>: the paper as a download.</summary>
    public static async Task<IResult> PaperAsync(string id, string name, HttpContext context, IDocumentStore documents)
    {
        string path = ProposalLinks.PaperPath(id, name);
        if (name.Contains('/', StringComparison.Ordinal) || !DocumentPath.IsValid(path)
            || await documents.OpenAsync(path, context.RequestAborted) is not { } paper)
        {
            return ProposalProblems.NotFound("Paper not found", $"Proposal '{id}' has no paper named '{name}'.");
        }

        // Papers come from users: never rendered by the browser as part of this site.
        IHeaderDictionary headers = context.Response.Headers;
        headers.XContentTypeOptions = "nosniff";
        headers.ContentSecurityPolicy = "sandbox; default-src 'none'";
        headers.CacheControl = "no-store";
        return TypedResults.Stream(paper.Content, paper.ContentType, fileDownloadName: name);
    }

    /// <summary><c>GET /proposals/{id}/record</c>: the decision record as HTML, or as JSON when the request prefers it;
    /// 404 until it is written.</summary>
    public static async Task<IResult> RecordAsync(string id, HttpContext context, IDocumentStore documents)
    {
        bool json = DevelopmentOutboxEndpoints.PrefersJson(context.Request);
        IHeaderDictionary headers = context.Response.Headers;
        headers.Vary = HeaderNames.Accept;
        headers.XContentTypeOptions = "nosniff";
        headers.CacheControl = "no-cache";
        string path = json ? DecisionRecord.JsonPath(id) : DecisionRecord.HtmlPath(id);
        StoredDocument? record = DocumentPath.IsValid(path) ? await documents.OpenAsync(path, context.RequestAborted) : null;
        if (record is null)
        {
            string detail = $"No decision record exists for proposal '{id}': it is written once the proposal is decided.";
            return json
                ? ProposalProblems.NotFound("Decision record not found", detail)
                : TypedResults.Content(NotFoundPage(detail), HtmlContentType, Encoding.UTF8, StatusCodes.Status404NotFound);
        }

        if (!json)
        {
            headers.ContentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'";
        }

        return TypedResults.Stream(record.Content, json ? "application/json; charset=utf-8" : HtmlContentType);
    }

    private static string NotFoundPage(string detail) =>
        "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Decision record not found</title></head><body>"
        + $"<h1>Decision record not found</h1><p>{HtmlEncoder.Default.Encode(detail)}</p></body></html>";
}
