namespace Workflows.Governance.Security;

/// <summary>The <c>Security</c> settings of the admin routes.</summary>
public sealed class AdminKeyOptions
{
    /// <summary>The configuration section these options are bound from.</summary>
    public const string SectionName = "Security";

    /// <summary>The key that admin routes require, as the <c>x-functions-key</c> header or the <c>code</c> query parameter.
    /// When it is not set, admin routes refuse every request: a key nobody was told would protect nothing useful, and an
    /// open admin API is worse.</summary>
    public string? AdminKey { get; set; }
}
