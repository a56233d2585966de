namespace Workflows.Governance.Pages;

/// <summary>The anti-forgery token a page's forms carry as a hidden field.</summary>
/// <param name="FieldName">The hidden field's name.</param>
/// <param name="Value">The request token.</param>
public sealed record PageFormToken(string FieldName, string Value);
