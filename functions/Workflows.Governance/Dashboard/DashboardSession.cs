using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;
using Workflows.Governance.Security;

namespace Workflows.Governance.Dashboard;

/// <summary>The dashboard's sign-in session: an HttpOnly, SameSite=Strict cookie (Secure over https) holding a
/// Data-Protection-protected, time-limited ticket bound to a hash of the admin key, so that changing the key ends every
/// session. Also carries the one-shot flash message shown after an action.</summary>
internal sealed class DashboardSession
{
    /// <summary>The session cookie's name.</summary>
    public const string CookieName = "workflows_dashboard";

    /// <summary>The flash cookie's name.</summary>
    public const string FlashCookieName = "workflows_dashboard_flash";

    /// <summary>How long a session lasts.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(8);

    private const string TicketPrefix = "dashboard-session:";

    private readonly ITimeLimitedDataProtector sessions;
    private readonly IDataProtector flashes;
    private readonly IOptionsMonitor<AdminKeyOptions> options;

    public DashboardSession(IDataProtectionProvider provider, IOptionsMonitor<AdminKeyOptions> options)
    {
        this.sessions = provider.CreateProtector("Workflows.Functions.Dashboard.Session").ToTimeLimitedDataProtector();
        this.flashes = provider.CreateProtector("Workflows.Functions.Dashboard.Flash");
        this.options = options;
    }

    /// <summary>Whether an admin key is configured at all; without one nobody can sign in.</summary>
    public bool IsConfigured => !string.IsNullOrEmpty(this.options.CurrentValue.AdminKey);

    /// <summary>Compares a presented key with the configured one in constant time.</summary>
    public bool Matches(string? presented)
    {
        string? configured = this.options.CurrentValue.AdminKey;
        if (string.IsNullOrEmpty(configured) || string.IsNullOrEmpty(presented))
        {
            return false;
        }

        // Hashes have equal lengths, so the comparison's time reveals neither the key's length nor its prefix.
        return CryptographicOperations.FixedTimeEquals(Hash(presented), Hash(configured));
    }

    /// <summary>Whether the request carries a valid, unexpired session for the current admin key.</summary>
    public bool IsSignedIn(HttpContext context)
    {
        string? configured = this.options.CurrentValue.AdminKey;
        if (string.IsNullOrEmpty(configured) || !context.Request.Cookies.TryGetValue(CookieName, out string? cookie) || string.IsNullOrEmpty(cookie))
        {
            return false;
        }

        try
        {
            string ticket = this.sessions.Unprotect(cookie, out _);
            byte[] expected = Encoding.UTF8.GetBytes(TicketPrefix + Convert.ToBase64String(Hash(configured)));
            return CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(ticket), expected);
        }
        catch (CryptographicException)
        {
            return false;
        }
    }

    /// <summary>Starts a session.</summary>
    public void SignIn(HttpContext context)
    {
        string ticket = TicketPrefix + Convert.ToBase64String(Hash(this.options.CurrentValue.AdminKey!));
        context.Response.Cookies.Append(CookieName, this.sessions.Protect(ticket, Lifetime), CookieOptions(context, DashboardEndpoints.Route));
    }

    /// <summary>Ends the session.</summary>
    public static void SignOut(HttpContext context) => context.Response.Cookies.Delete(CookieName, CookieOptions(context, DashboardEndpoints.Route));

    /// <summary>Keeps a message for the next page.</summary>
    public void SetFlash(HttpContext context, bool ok, string message) =>
        context.Response.Cookies.Append(FlashCookieName, this.flashes.Protect((ok ? "ok|" : "error|") + message), CookieOptions(context, DashboardEndpoints.Route));

    /// <summary>Reads and clears the message kept by the last action, if any.</summary>
    public Flash? TakeFlash(HttpContext context)
    {
        if (!context.Request.Cookies.TryGetValue(FlashCookieName, out string? cookie) || string.IsNullOrEmpty(cookie))
        {
            return null;
        }

        context.Response.Cookies.Delete(FlashCookieName, CookieOptions(context, DashboardEndpoints.Route));
        try
        {
            string value = this.flashes.Unprotect(cookie);
            int bar = value.IndexOf('|', StringComparison.Ordinal);
            return bar < 0 ? null : new Flash(value[..bar] == "ok", value[(bar + 1)..]);
        }
        catch (CryptographicException)
        {
            return null;
        }
    }

    private static CookieOptions CookieOptions(HttpContext context, string path) => new()
    {
        HttpOnly = true,
        SameSite = SameSiteMode.Strict,
        Secure = context.Request.IsHttps,
        Path = path,
        IsEssential = true,
    };

    private static byte[] Hash(string key) => SHA256.HashData(Encoding.UTF8.GetBytes(key));
}
