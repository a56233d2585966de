using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace Workflows.Governance.Security;

/// <summary>Lets a request through to an admin route only when it presents <see cref="AdminKeyOptions.AdminKey"/>, as the
/// Functions host checks its keys: the <c>x-functions-key</c> header, or else the <c>code</c> query parameter. Anything
/// else is 401 problem+json, and so is every request when no key is configured.</summary>
public sealed class AdminKeyEndpointFilter : IEndpointFilter
{
    /// <summary>The header that carries the key.</summary>
    public const string HeaderName = "x-functions-key";

    /// <summary>The query parameter that carries the key.</summary>
    public const string QueryParameter = "code";

    private readonly IOptionsMonitor<AdminKeyOptions> options;
    private readonly ILogger<AdminKeyEndpointFilter> logger;

    /// <summary>Creates the filter.</summary>
    public AdminKeyEndpointFilter(IOptionsMonitor<AdminKeyOptions> options, ILogger<AdminKeyEndpointFilter> logger)
    {
        this.options = options;
        this.logger = logger;
    }

    /// <inheritdoc/>
    public ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        return this.Refusal(context.HttpContext.Request) is { } refused ? ValueTask.FromResult<object?>(refused) : next(context);
    }

    /// <summary>The 401 problem for a request without the admin key (logged, without the key), or null when it has it.</summary>
    public IResult? Refusal(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        string? configured = this.options.CurrentValue.AdminKey;
        if (string.IsNullOrEmpty(configured))
        {
            AdminKeyLog.Refused(this.logger, request.Path, "no admin key is configured");
            return Unauthorized($"Admin routes are closed: no admin key is configured ({AdminKeyOptions.SectionName}:{nameof(AdminKeyOptions.AdminKey)}).");
        }

        string? presented = FirstValue(request.Headers[HeaderName]) ?? FirstValue(request.Query[QueryParameter]);
        if (presented is null)
        {
            AdminKeyLog.Refused(this.logger, request.Path, "no key was presented");
            return Unauthorized($"An admin key is required, as the {HeaderName} header or the {QueryParameter} query parameter.");
        }

        if (!Matches(presented, configured))
        {
            AdminKeyLog.Refused(this.logger, request.Path, "the key is wrong");
            return Unauthorized("The admin key is not valid.");
        }

        return null;
    }

    // Constant time, so that response timing does not reveal how much of a guessed key is right.
    private static bool Matches(string presented, string configured) =>
        CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(presented), Encoding.UTF8.GetBytes(configured));

    private static string? FirstValue(Microsoft.Extensions.Primitives.StringValues values)
    {
        foreach (string? value in values)
        {
            if (!string.IsNullOrEmpty(value))
            {
                return value;
            }
        }

        return null;
    }

    private static IResult Unauthorized(string detail) =>
        Results.Problem(detail: detail, statusCode: StatusCodes.Status401Unauthorized, title: "Unauthorized");
}
