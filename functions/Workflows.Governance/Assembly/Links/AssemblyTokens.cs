using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.WebUtilities;
using Workflows.Governance.Approvals;

namespace Workflows.Governance.Assembly.Links;

/// <summary>Issues and reads the signed, expiring tokens of assembly links (ASP.NET Core Data Protection, under a purpose
/// of their own, so that neither an approval token nor any other protected payload is accepted as one).</summary>
public sealed class AssemblyTokens
{
    private const string Purpose = "Workflows.Governance.Assembly.Links.v1";
    private const int MaxTokenLength = 4096;
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly IDataProtector protector;
    private readonly TimeProvider clock;

    /// <summary>Creates the token service.</summary>
    public AssemblyTokens(IDataProtectionProvider provider, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(provider);
        this.protector = provider.CreateProtector(Purpose);
        this.clock = clock;
    }

    /// <summary>Issues a token for <paramref name="grant"/>, valid until <paramref name="expires"/>.</summary>
    public string Issue(AssemblyGrant grant, DateTimeOffset expires)
    {
        ArgumentNullException.ThrowIfNull(grant);
        return WebEncoders.Base64UrlEncode(this.protector.Protect(JsonSerializer.SerializeToUtf8Bytes(new Sealed(grant, expires), Json)));
    }

    /// <summary>Reads a token: the grant, or why there is none (altered, foreign or malformed; or expired).</summary>
    public (AssemblyGrant? Grant, ApprovalTokenError Error) Read(string? token)
    {
        if (string.IsNullOrWhiteSpace(token) || token.Length > MaxTokenLength)
        {
            return (null, ApprovalTokenError.Invalid);
        }

        Sealed? read;
        try
        {
            read = JsonSerializer.Deserialize<Sealed>(this.protector.Unprotect(WebEncoders.Base64UrlDecode(token)), Json);
        }
        catch (Exception ex) when (ex is FormatException or CryptographicException or JsonException)
        {
            return (null, ApprovalTokenError.Invalid);
        }

        if (read?.Grant is null)
        {
            return (null, ApprovalTokenError.Invalid);
        }

        return read.Expires <= this.clock.GetUtcNow() ? (null, ApprovalTokenError.Expired) : (read.Grant, ApprovalTokenError.None);
    }

    private sealed record Sealed(AssemblyGrant Grant, DateTimeOffset Expires);
}
