namespace Workflows.Governance.Proposals;

/// <summary>The names of the external events the proposal workflows handle.</summary>
public static class ProposalEvents
{
    /// <summary>A decision (payload <see cref="DecisionEvent"/>), from an approval link or an admin.</summary>
    public const string Decision = "Decision";

    /// <summary>The proposal is withdrawn (payload: the reason).</summary>
    public const string Withdraw = "Withdraw";

    /// <summary>The deadline moves (payload <see cref="DeadlineExtension"/>).</summary>
    public const string ExtendDeadline = "ExtendDeadline";

    /// <summary>The pending request is sent again (payload: who asked).</summary>
    public const string Resend = "Resend";
}
