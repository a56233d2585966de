namespace Workflows.Governance.Assembly;

/// <summary>The names of the external events the assembly's workflows wait for.</summary>
public static class AssemblyEvents
{
    /// <summary>A CCG's nomination (<see cref="Nominations.NominationEvent"/>).</summary>
    public const string Nomination = "AssemblyNomination";

    /// <summary>The design group's review of a nomination (<see cref="Nominations.ReviewEvent"/>).</summary>
    public const string Review = "AssemblyReview";

    /// <summary>A member's response to a consultation (<see cref="Consultations.ResponseEvent"/>).</summary>
    public const string Response = "AssemblyResponse";

    /// <summary>A member's interest in the work programme's groups (<see cref="WorkProgramme.InterestEvent"/>).</summary>
    public const string Interest = "AssemblyInterest";

    /// <summary>Close a round now (payload: who, a string).</summary>
    public const string Close = "AssemblyClose";

    /// <summary>Move a round's closing date later (<see cref="RoundExtension"/>).</summary>
    public const string Extend = "AssemblyExtend";

    /// <summary>Send the current invitations again (<see cref="RoundResend"/>).</summary>
    public const string Resend = "AssemblyResend";
}
