using Workflows.Governance.Assembly.Links;

namespace Workflows.Governance.Assembly.Notices;

/// <summary>A signed link an email carries.</summary>
/// <param name="Label">The button's label.</param>
/// <param name="Grant">What the link allows.</param>
/// <param name="Expires">When it stops working (UTC): the round's closing date.</param>
public sealed record AssemblyEmailLink(string Label, AssemblyGrant Grant, DateTime Expires);
