using System.Diagnostics;
using System.Globalization;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Workflows.DurableTask.Client;

namespace Workflows.Governance.Http;

/// <summary>Answers a request that failed with an exception: 503 with <c>Retry-After</c> when the store was busy or
/// unreachable, or the instance had not started (the caller may simply try again), else a plain 500; both as
/// problem+json that carries a trace id and nothing of the exception. The log line names the exception's type and where
/// it was thrown, never its message (which may quote input or a connection string) or its stack trace.</summary>
internal sealed class RequestFailureHandler(IProblemDetailsService problems, ILogger<RequestFailureHandler> logger) : IExceptionHandler
{
    /// <summary>How long a client is asked to wait before trying again after a busy store.</summary>
    public static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(5);

    /// <inheritdoc/>
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        ArgumentNullException.ThrowIfNull(exception);

        // The route's pattern, not the path: a path may carry a signed link's token. The middleware has cleared the
        // endpoint by now; its feature keeps the one that failed.
        Endpoint? failed = httpContext.Features.Get<IExceptionHandlerFeature>()?.Endpoint ?? httpContext.GetEndpoint();
        string route = failed is RouteEndpoint { RoutePattern.RawText: { } pattern } ? pattern : "(no route)";
        await this.WriteAsync(httpContext, exception, route, cancellationToken);
        return true;
    }

    /// <summary>Writes the answer to a request that failed with <paramref name="exception"/> and logs it under
    /// <paramref name="route"/> (a route pattern or a function's name, never the request's path).</summary>
    public async Task WriteAsync(HttpContext httpContext, Exception exception, string route, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        ArgumentNullException.ThrowIfNull(exception);
        string traceId = Activity.Current?.Id ?? httpContext.TraceIdentifier;
        string thrownAt = ThrownAt(exception);
        ProblemDetails problem;
        if (TransientStoreFailure.Chain(exception).OfType<InstanceNotStartedException>().FirstOrDefault() is { } notStarted)
        {
            // Azure Storage: the instance's start is held (by a worker that stopped, or until its scheduled time) and a
            // message sent now would be dropped, so none was sent.
            int seconds = Math.Max(1, (int)Math.Ceiling(notStarted.RetryAfter.TotalSeconds));
            RequestFailureLog.NotStarted(logger, httpContext.Request.Method, route, traceId);
            problem = Unavailable(httpContext, seconds, "The workflow has not started yet.", $"Nothing was sent to it. Try again in {seconds} seconds.");
        }
        else if (TransientStoreFailure.Is(exception))
        {
            RequestFailureLog.StoreUnavailable(logger, httpContext.Request.Method, route, exception.GetType().FullName!, thrownAt, traceId);
            problem = Unavailable(httpContext, (int)RetryAfter.TotalSeconds, "The workflow store is busy.", $"The request was not completed. Try again in {RetryAfter.TotalSeconds:0} seconds.");
        }
        else
        {
            RequestFailureLog.Failed(logger, httpContext.Request.Method, route, exception.GetType().FullName!, thrownAt, traceId);
            httpContext.Response.StatusCode = StatusCodes.Status500InternalServerError;
            problem = new ProblemDetails
            {
                Status = StatusCodes.Status500InternalServerError,
                Title = "The request failed.",
                Detail = "An unexpected error occurred. The operator can find it in the service's log by its trace id.",
            };
        }

        problem.Extensions["traceId"] = traceId;
        if (!await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, ProblemDetails = problem, Exception = exception }))
        {
            // A client that accepts no JSON (a browser following a link) still gets a readable answer.
            httpContext.Response.ContentType = "text/plain; charset=utf-8";
            await httpContext.Response.WriteAsync($"{problem.Title} {problem.Detail} Trace id: {traceId}", cancellationToken);
        }
    }

    private static ProblemDetails Unavailable(HttpContext httpContext, int retryAfterSeconds, string title, string detail)
    {
        httpContext.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        httpContext.Response.Headers.RetryAfter = retryAfterSeconds.ToString(CultureInfo.InvariantCulture);
        return new ProblemDetails { Status = StatusCodes.Status503ServiceUnavailable, Title = title, Detail = detail };
    }

    /// <summary>The innermost method of this service's own code the exception passed through (else where it was
    /// thrown): enough to find the failure, without writing a stack trace.</summary>
    private static string ThrownAt(Exception exception)
    {
        System.Reflection.MethodBase? own = new StackTrace(exception, fNeedFileInfo: false).GetFrames()
            .Select(frame => frame.GetMethod())
            .FirstOrDefault(method => method?.DeclaringType?.FullName?.StartsWith("Workflows.", StringComparison.Ordinal) == true);
        System.Reflection.MethodBase? site = own ?? exception.TargetSite;
        return site is null ? "unknown" : $"{site.DeclaringType?.FullName}.{site.Name}";
    }
}
