using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace Workflows.Functions;

/// <summary>Runs a minimal-API <see cref="IResult"/> of Workflows.Governance as the <see cref="IActionResult"/> an HTTP
/// function returns under the ASP.NET Core integration, so that both hosts write the same responses.</summary>
public sealed class HttpResultAction(IResult result) : IActionResult
{
    /// <summary>The result this action writes.</summary>
    public IResult Result { get; } = result;

    /// <inheritdoc/>
    public Task ExecuteResultAsync(ActionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return this.Result.ExecuteAsync(context.HttpContext);
    }
}
