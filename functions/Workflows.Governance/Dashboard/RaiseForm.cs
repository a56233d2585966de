namespace Workflows.Governance.Dashboard;

/// <summary>The raise-event form's values, kept after an error.</summary>
/// <param name="EventName">The event's name as typed.</param>
/// <param name="Payload">The JSON payload as typed.</param>
public sealed record RaiseForm(string? EventName, string? Payload);
