namespace Workflows.Governance.Proposals.Http;

/// <summary>How the governing bodies stand.</summary>
/// <param name="Approved">Bodies that approved.</param>
/// <param name="Rejected">Bodies that rejected.</param>
/// <param name="Pending">Bodies still to decide.</param>
/// <param name="NoResponse">Bodies that did not answer by the deadline.</param>
internal sealed record ProposalTallyView(int Approved, int Rejected, int Pending, int NoResponse)
{
    public static ProposalTallyView Of(IReadOnlyCollection<ParticipantStatus> bodies) => new(
        bodies.Count(b => b.State == ParticipantState.Approved),
        bodies.Count(b => b.State == ParticipantState.Rejected),
        bodies.Count(b => b.State == ParticipantState.Pending),
        bodies.Count(b => b.State == ParticipantState.NoResponse));
}
