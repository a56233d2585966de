namespace Workflows.Governance.Email;

/// <summary>The kinds of block an <see cref="EmailTemplate"/> is made of.</summary>
public enum EmailTemplateBlockKind
{
    /// <summary>A paragraph of text.</summary>
    Paragraph,

    /// <summary>A labelled value.</summary>
    Field,

    /// <summary>A labelled link.</summary>
    Link,
}
