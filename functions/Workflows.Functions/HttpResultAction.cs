using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace Workflows.Functions;

/// <summary>Runs a minimal-API <see cref="IResult"/> of Workflows.Governance as the <see cref="IActionResult"/> an HTTP
/// function returns under the ASP.NET Core integration, so that both hosts write the same responses.</summary>
public sealed class HttpResultAction(IResult result) : IActionResult
{
    /// <summary>The result this action writes.</summary>
    public IResult Result { get; } = result;

    /// <summary>Runs <paramref name="handler"/> on the request's context and wraps its result.</summary>
    public static async Task<IActionResult> RunAsync(HttpRequest request, Func<HttpContext, Task<IResult>> handler)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(handler);
        return new HttpResultAction(await handler(request.HttpContext));
    }

    /// <inheritdoc/>
    public Task ExecuteResultAsync(ActionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return this.Result.ExecuteAsync(context.HttpContext);
    }
}
