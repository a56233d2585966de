using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Net.Http.Headers;

namespace Workflows.DurableTask.Http;

/// <summary>The Durable Functions answer to a start: 202 Accepted, <c>Location</c> at the status link, <c>Retry-After</c>,
/// and the check-status payload.</summary>
internal sealed class CheckStatusResult : IResult, IStatusCodeHttpResult, IValueHttpResult, IValueHttpResult<HttpManagementPayload>
{
    /// <summary>Seconds a poller should wait, as Durable Functions advises after a start.</summary>
    private const int RetryAfterSeconds = 10;

    public CheckStatusResult(HttpManagementPayload payload)
    {
        this.Value = payload;
    }

    public HttpManagementPayload Value { get; }

    public int? StatusCode => StatusCodes.Status202Accepted;

    object? IValueHttpResult.Value => this.Value;

    public Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        httpContext.Response.Headers[HeaderNames.Location] = this.Value.StatusQueryGetUri;
        httpContext.Response.Headers[HeaderNames.RetryAfter] = RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
        return TypedResults.Json(this.Value, ManagementJson.Options, statusCode: StatusCodes.Status202Accepted).ExecuteAsync(httpContext);
    }
}
