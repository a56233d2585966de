namespace Workflows.Governance.Assembly.Nominations;

/// <summary>A CCG's nominee for the assembly: one senior clinical lead.</summary>
/// <param name="Name">The lead's name.</param>
/// <param name="Role">The lead's role in the CCG, such as "Clinical chair".</param>
/// <param name="Registration">The lead's professional registration, such as "GMC 4412345".</param>
/// <param name="Email">The lead's email address, where the assembly's consultations go.</param>
public sealed record Nomination(string Name, string Role, string Registration, string Email);
