namespace Workflows.Governance.Email;

/// <summary>One block of an <see cref="EmailTemplate"/>: a paragraph (no label), a labelled value or a labelled link.</summary>
/// <param name="Kind">What the block is.</param>
/// <param name="Label">The field's or link's label; empty for a paragraph.</param>
/// <param name="Value">The paragraph's text (line breaks as <c>\n</c>), the field's value, or the link's absolute address.</param>
public sealed record EmailTemplateBlock(EmailTemplateBlockKind Kind, string Label, string Value);
