using System.Security.Cryptography;
using System.Text;

namespace Workflows.Governance.Pages;

/// <summary>A page family's inline stylesheet, and for a family that needs one its inline script, with the
/// Content-Security-Policy that allows exactly them (by their hashes): nothing else loads, nothing else runs, forms post
/// back to this origin only.</summary>
public sealed class PageStylesheet
{
    /// <summary>Creates a stylesheet for pages without script, and its policy.</summary>
    public PageStylesheet(string text)
        : this(text, null)
    {
    }

    /// <summary>Creates the stylesheet and the script (none when null), and their policy.</summary>
    public PageStylesheet(string text, string? script)
    {
        ArgumentNullException.ThrowIfNull(text);
        this.Text = text;
        this.Script = script;
        string scripts = script is null ? string.Empty : $"script-src 'sha256-{Hash(script)}'; ";
        this.ContentSecurityPolicy =
            $"default-src 'none'; style-src 'sha256-{Hash(text)}'; {scripts}"
            + "img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";
    }

    /// <summary>The CSS.</summary>
    public string Text { get; }

    /// <summary>The script, or null for pages that run none.</summary>
    public string? Script { get; }

    /// <summary>The policy sent with every page that uses it.</summary>
    public string ContentSecurityPolicy { get; }

    private static string Hash(string text) => Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}
