using Microsoft.AspNetCore.Antiforgery;

namespace Workflows.Governance.Pages;

/// <summary>The one anti-forgery guard of the server-rendered pages' forms: the token a page's forms carry, and the
/// check every form post passes before it changes anything.</summary>
public static class PageFormGuard
{
    /// <summary>The token for the forms of the page being rendered (also sets its cookie on the response).</summary>
    public static PageFormToken Issue(HttpContext context, IAntiforgery antiforgery)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(antiforgery);
        AntiforgeryTokenSet tokens = antiforgery.GetAndStoreTokens(context);
        return new PageFormToken(tokens.FormFieldName, tokens.RequestToken ?? string.Empty);
    }

    /// <summary>Whether the request is a form post with a valid anti-forgery token. A body that is not a form, cannot be
    /// read, or carries a missing or foreign token is simply not valid: the caller shows its own page for it.</summary>
    public static async Task<bool> IsValidAsync(HttpContext context, IAntiforgery antiforgery)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(antiforgery);
        try
        {
            return context.Request.HasFormContentType && await antiforgery.IsRequestValidAsync(context);
        }
        catch (Exception ex) when (ex is InvalidDataException or BadHttpRequestException or AntiforgeryValidationException)
        {
            return false;
        }
    }
}
