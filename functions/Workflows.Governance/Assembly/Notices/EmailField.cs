namespace Workflows.Governance.Assembly.Notices;

/// <summary>A labelled value of an email.</summary>
/// <param name="Label">The label.</param>
/// <param name="Value">The value.</param>
public sealed record EmailField(string Label, string Value);
