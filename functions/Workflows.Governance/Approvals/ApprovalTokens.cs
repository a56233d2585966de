using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;

namespace Workflows.Governance.Approvals;

/// <summary>Issues and reads the signed, expiring tokens of approval links (ASP.NET Core Data Protection).</summary>
/// <remarks>A token carries its grant and its expiry encrypted and authenticated; it expires at the decision's deadline,
/// so a link followed after the deadline is refused before anything else is looked at. Expiry is checked against the
/// injected clock, so that tests can move time.</remarks>
public sealed class ApprovalTokens
{
    private const string Purpose = "Workflows.Functions.Approvals.v1";
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly IDataProtector protector;
    private readonly TimeProvider clock;

    /// <summary>Creates the token service.</summary>
    public ApprovalTokens(IDataProtectionProvider provider, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(provider);
        this.protector = provider.CreateProtector(Purpose);
        this.clock = clock;
    }

    /// <summary>Issues a token for a grant, valid until <paramref name="expires"/>.</summary>
    public string Issue(ApprovalGrant grant, DateTimeOffset expires)
    {
        ArgumentNullException.ThrowIfNull(grant);
        byte[] payload = JsonSerializer.SerializeToUtf8Bytes(new SealedGrant(grant, expires), Json);
        return Base64UrlEncode(this.protector.Protect(payload));
    }

    /// <summary>Reads a token; the grant is null unless the token is authentic and not expired.</summary>
    public (ApprovalGrant? Grant, ApprovalTokenError Error) Read(string? token)
    {
        if (string.IsNullOrWhiteSpace(token) || token.Length > 4096)
        {
            return (null, ApprovalTokenError.Invalid);
        }

        try
        {
            SealedGrant? sealedGrant = JsonSerializer.Deserialize<SealedGrant>(this.protector.Unprotect(Base64UrlDecode(token)), Json);
            if (sealedGrant?.Grant is null)
            {
                return (null, ApprovalTokenError.Invalid);
            }

            return sealedGrant.Expires <= this.clock.GetUtcNow()
                ? (null, ApprovalTokenError.Expired)
                : (sealedGrant.Grant, ApprovalTokenError.None);
        }
        catch (Exception ex) when (ex is FormatException or CryptographicException or JsonException)
        {
            return (null, ApprovalTokenError.Invalid);
        }
    }

    private static string Base64UrlEncode(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static byte[] Base64UrlDecode(string text)
    {
        string padded = text.Replace('-', '+').Replace('_', '/');
        padded += (padded.Length % 4) switch { 2 => "==", 3 => "=", 0 => string.Empty, _ => throw new FormatException("Bad token length.") };
        return Convert.FromBase64String(padded);
    }

    private sealed record SealedGrant(ApprovalGrant Grant, DateTimeOffset Expires);
}
