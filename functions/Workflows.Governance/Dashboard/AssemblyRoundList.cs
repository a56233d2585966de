namespace Workflows.Governance.Dashboard;

/// <summary>The rounds of one kind on the assembly board.</summary>
/// <param name="Kind">The kind's path segment.</param>
/// <param name="Heading">The section's heading, such as "Nomination rounds".</param>
/// <param name="Rounds">Its rounds, newest first.</param>
/// <param name="Truncated">Whether the store holds more than were read.</param>
public sealed record AssemblyRoundList(string Kind, string Heading, IReadOnlyList<AssemblyRoundView> Rounds, bool Truncated);
