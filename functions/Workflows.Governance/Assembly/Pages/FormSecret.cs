namespace Workflows.Governance.Assembly.Pages;

/// <summary>The anti-forgery field a form posts back.</summary>
/// <param name="FieldName">The field's name.</param>
/// <param name="Value">The request token.</param>
public sealed record FormSecret(string FieldName, string Value);
