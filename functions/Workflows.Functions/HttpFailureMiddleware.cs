using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Middleware;
using Workflows.Governance.Http;

namespace Workflows.Functions;

/// <summary>Gives an HTTP function that fails with an exception the self-hosted service's answer (503 with
/// <c>Retry-After</c> for a busy or unreachable store, else a bare 500, problem+json without the exception's message)
/// instead of the Functions host's; other triggers' failures go on to the host, which retries or records them.</summary>
internal sealed class HttpFailureMiddleware(RequestFailureHandler handler) : IFunctionsWorkerMiddleware
{
    /// <inheritdoc/>
    public async Task Invoke(FunctionContext context, FunctionExecutionDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        try
        {
            await next(context);
        }
        catch (Exception exception) when (context.GetHttpContext() is { Response.HasStarted: false } http)
        {
            await handler.WriteAsync(http, exception, context.FunctionDefinition.Name, http.RequestAborted);
        }
    }
}
