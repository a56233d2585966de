using System.Security.Cryptography;
using System.Text;

namespace Workflows.Governance.Pages;

/// <summary>A page family's inline stylesheet and the Content-Security-Policy that allows exactly it (by its hash):
/// nothing else loads, nothing runs, forms post back to this origin only.</summary>
public sealed class PageStylesheet
{
    /// <summary>Creates the stylesheet and its policy.</summary>
    public PageStylesheet(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        this.Text = text;
        this.ContentSecurityPolicy =
            $"default-src 'none'; style-src 'sha256-{Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(text)))}'; "
            + "img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";
    }

    /// <summary>The CSS.</summary>
    public string Text { get; }

    /// <summary>The policy sent with every page that uses it.</summary>
    public string ContentSecurityPolicy { get; }
}
