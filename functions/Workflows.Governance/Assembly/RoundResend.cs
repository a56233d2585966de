namespace Workflows.Governance.Assembly;

/// <summary>An admin's request to send the current invitations again, to one member or to every member still to answer.</summary>
/// <param name="MemberId">The member, or <see langword="null"/> for every member still to answer.</param>
/// <param name="By">Who asked.</param>
public sealed record RoundResend(string? MemberId, string By);
