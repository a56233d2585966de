namespace Workflows.Governance.Dashboard;

/// <summary>A message shown once, after an action.</summary>
/// <param name="Ok">Whether the action succeeded.</param>
/// <param name="Message">What happened.</param>
public sealed record Flash(bool Ok, string Message);
