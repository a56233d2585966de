namespace Workflows.Governance.Dashboard;

/// <summary>An action of the instance page, with its form.</summary>
/// <param name="Name">Its route segment and <c>data-action</c>.</param>
/// <param name="Label">Its button.</param>
/// <param name="Confirm">What its confirmation dialog asks.</param>
/// <param name="Danger">Whether it destroys something (a red button).</param>
/// <param name="Field">The field its form has besides the token.</param>
public sealed record InstanceAction(string Name, string Label, string Confirm, bool Danger, InstanceActionField Field);
