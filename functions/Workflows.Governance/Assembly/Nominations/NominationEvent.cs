namespace Workflows.Governance.Assembly.Nominations;

/// <summary>A CCG's nomination, from its form or an admin.</summary>
/// <param name="Attempt">The invitation it answers (<see cref="CcgNominationStatus.Attempt"/>); one of an earlier
/// attempt is ignored.</param>
/// <param name="Nomination">The nominee.</param>
/// <param name="By">Who submitted it.</param>
public sealed record NominationEvent(int Attempt, Nomination Nomination, string By);
