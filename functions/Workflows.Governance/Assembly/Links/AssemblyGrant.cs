namespace Workflows.Governance.Assembly.Links;

/// <summary>What an assembly link allows: one person to do one thing for one member in one round.</summary>
/// <param name="Kind">What the link is for.</param>
/// <param name="InstanceId">The workflow instance that receives the answer (a CCG's nomination, a consultation, a
/// work-programme round).</param>
/// <param name="RoundId">The round.</param>
/// <param name="MemberId">The member CCG the answer is for.</param>
/// <param name="Role">AccountableOfficer, Deputy, DesignGroup or Lead.</param>
/// <param name="Name">The person's name.</param>
/// <param name="Email">The person's address.</param>
/// <param name="Attempt">For nominations and reviews, the attempt the link answers; an answered attempt uses the link up.</param>
public sealed record AssemblyGrant(
    AssemblyLinkKind Kind,
    string InstanceId,
    string RoundId,
    string MemberId,
    string Role,
    string Name,
    string Email,
    int Attempt = 1)
{
    /// <summary>How the person is recorded as the one who answered.</summary>
    public string Signature => $"{this.Name} <{this.Email}>";
}
