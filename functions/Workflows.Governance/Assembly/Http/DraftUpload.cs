namespace Workflows.Governance.Assembly.Http;

/// <summary>A draft document in a start request.</summary>
public sealed record DraftUpload
{
    /// <summary>Its id within the consultation: lowercase letters, digits and hyphens.</summary>
    public string? Id { get; init; }

    /// <summary>Its title, such as "Draft shared statement of intent".</summary>
    public string? Title { get; init; }

    /// <summary>Its file name, such as "statement-of-intent.pdf".</summary>
    public string? Name { get; init; }

    /// <summary>Its media type, such as "application/pdf".</summary>
    public string? ContentType { get; init; }

    /// <summary>Its content, base64-encoded.</summary>
    public string? ContentBase64 { get; init; }
}
