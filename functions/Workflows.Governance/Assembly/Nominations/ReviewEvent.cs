namespace Workflows.Governance.Assembly.Nominations;

/// <summary>The design group's review of a CCG's nomination.</summary>
/// <param name="Attempt">The nomination it reviews (<see cref="CcgNominationStatus.Attempt"/>); one of an earlier
/// attempt is ignored.</param>
/// <param name="Accept">Whether the nomination is accepted; otherwise it is returned.</param>
/// <param name="Reason">Why it is returned (required then), or a note.</param>
/// <param name="By">Who reviewed it.</param>
public sealed record ReviewEvent(int Attempt, bool Accept, string? Reason, string By);
